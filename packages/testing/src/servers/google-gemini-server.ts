import { type EventStreamScript, eventStreamResponse } from "./event-stream-script.js";
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "./loopback-server.js";

/**
 * How the Google Gemini loopback server answers one request: chunks (e.g. from
 * `createGeminiTextChunks`, or a recorded `*.chunks.txt` fixture's payloads) in `events`, each sent
 * as `data: <json>\r\n\r\n` (strings as they are, for malformed data); a recorded SSE body; or a
 * JSON body (a whole `GenerateContentResponse`, or Google's `{error: {...}}` body with an error status).
 */
export type GoogleGeminiScript = EventStreamScript;

/** A loopback server that speaks the Gemini API wire format. */
export interface GoogleGeminiServer extends LoopbackServer {
  /** The base URL to give `@google/genai` as `httpOptions.baseUrl` (the server's root: the SDK adds `/v1beta/...`). */
  readonly baseURL: string;
}

/** One Gemini stream chunk framed as Gemini frames it: `data: <json>\r\n\r\n`, no event name. */
export function geminiEvent(chunk: object): string {
  return `data: ${JSON.stringify(chunk)}\r\n\r\n`;
}

/**
 * Starts a loopback server for the Gemini API (`@google/genai`'s `models.generateContentStream`,
 * `POST /v1beta/models/{model}:streamGenerateContent?alt=sse`, and `models.generateContent`,
 * `POST /v1beta/models/{model}:generateContent`): `script` decides each answer. Every request is
 * recorded in `requests`, with its path (model and query included) and headers (the key comes in
 * `x-goog-api-key`).
 */
export async function startGoogleGeminiServer(
  script: (request: RecordedRequest) => GoogleGeminiScript | Promise<GoogleGeminiScript>,
): Promise<GoogleGeminiServer> {
  const server = await startLoopbackServer(async (request) => eventStreamResponse(await script(request), geminiEvent));
  return { ...server, baseURL: server.url };
}

/** Whether a request asks for a stream: Gemini tells by the method, `:streamGenerateContent`, not by the body. */
export function isGeminiStreamRequest(request: RecordedRequest): boolean {
  return request.path.includes(":streamGenerateContent");
}
