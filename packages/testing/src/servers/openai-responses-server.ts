import { type EventStreamScript, eventStreamResponse } from "./event-stream-script.js";
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "./loopback-server.js";

/**
 * How the OpenAI Responses loopback server answers one request: events (e.g. from
 * `createOpenAIResponsesTextEvents`, or a recorded `*.chunks.txt` fixture's payloads), each sent as
 * `event: <type>\ndata: <json>\n\n` (strings as they are, for malformed data); a recorded SSE
 * body; or a JSON body (a whole response, or an `{error: {...}}` body with an error status).
 */
export type OpenAIResponsesScript = EventStreamScript;

/** A loopback server that speaks the OpenAI Responses API wire format. */
export interface OpenAIResponsesServer extends LoopbackServer {
  /** The base URL to give the `openai` SDK: `<url>/v1`. */
  readonly baseURL: string;
}

/**
 * Starts a loopback server for `POST /v1/responses` (the `openai` SDK's `client.responses.create`).
 * `script` decides each answer: SSE framing as OpenAI sends it (`event: <type>\ndata: <json>\n\n`,
 * no `[DONE]`), a recorded SSE body, or a JSON body. Every request is recorded in `requests`.
 */
export async function startOpenAIResponsesServer(
  script: (request: RecordedRequest) => OpenAIResponsesScript | Promise<OpenAIResponsesScript>,
): Promise<OpenAIResponsesServer> {
  const server = await startLoopbackServer(async (request) => eventStreamResponse(await script(request)));
  return { ...server, baseURL: `${server.url}/v1` };
}
