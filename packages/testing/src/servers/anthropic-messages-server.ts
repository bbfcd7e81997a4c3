import { type EventStreamScript, eventStreamResponse } from "./event-stream-script.js";
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "./loopback-server.js";

/** How the Anthropic loopback server answers one request: events, a recorded SSE body, or a JSON body (a message, or a `{type: "error", error: {...}}` body with an error status). */
export type AnthropicMessagesScript = EventStreamScript;

/** A loopback server that speaks the Anthropic Messages wire format. */
export interface AnthropicMessagesServer extends LoopbackServer {
  /** The base URL to give the `@anthropic-ai/sdk` client: the server URL, without `/v1`, since the SDK adds it. */
  readonly baseURL: string;
}

/**
 * Starts a loopback server for `POST /v1/messages`. `script` decides each answer: SSE framing
 * as Anthropic sends it (`event: <type>\ndata: <json>\n\n`), a recorded SSE body, or a JSON body.
 */
export async function startAnthropicMessagesServer(
  script: (request: RecordedRequest) => AnthropicMessagesScript | Promise<AnthropicMessagesScript>,
): Promise<AnthropicMessagesServer> {
  const server = await startLoopbackServer(async (request) => eventStreamResponse(await script(request)));
  return { ...server, baseURL: server.url };
}
