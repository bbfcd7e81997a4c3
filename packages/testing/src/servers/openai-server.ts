import { eventStreamResponse } from "./event-stream-script.js";
import { type RecordedRequest, type ScriptedResponse, startLoopbackServer } from "./loopback-server.js";
import { type OpenAIChatScript, type OpenAIChatServer, openAIChatResponse } from "./openai-chat-server.js";
import type { OpenAIResponsesScript } from "./openai-responses-server.js";

/** How {@link startOpenAIServer} answers each of OpenAI's two APIs; an API without a script answers 404. */
export interface OpenAIServerScripts {
  /** `POST /v1/chat/completions` (as `startOpenAIChatServer`'s script). */
  readonly chat?: (request: RecordedRequest) => OpenAIChatScript | Promise<OpenAIChatScript>;
  /** `POST /v1/responses` (as `startOpenAIResponsesServer`'s script). */
  readonly responses?: (request: RecordedRequest) => OpenAIResponsesScript | Promise<OpenAIResponsesScript>;
}

/**
 * Starts a loopback server for both of OpenAI's APIs, told apart by path, behind one base URL: what
 * one `OPENAI_BASE_URL` points at when a program uses both (e.g. the same prompt through
 * `@promptstream/provider-openai` and `@promptstream/provider-openai/responses`).
 */
export async function startOpenAIServer(scripts: OpenAIServerScripts): Promise<OpenAIChatServer> {
  const server = await startLoopbackServer(async (request): Promise<ScriptedResponse> => {
    if (request.path.endsWith("/responses")) {
      return scripts.responses === undefined
        ? notFound(request)
        : eventStreamResponse(await scripts.responses(request));
    }
    return scripts.chat === undefined ? notFound(request) : openAIChatResponse(await scripts.chat(request));
  });
  return { ...server, baseURL: `${server.url}/v1` };
}

function notFound(request: RecordedRequest): ScriptedResponse {
  const error = { message: `No script for ${request.path}.`, type: "invalid_request_error", code: "not_found" };
  return { status: 404, headers: { "content-type": "application/json" }, body: [JSON.stringify({ error })] };
}
