import {
  type LoopbackServer,
  type RecordedRequest,
  type ScriptedResponse,
  startLoopbackServer,
} from "./loopback-server.js";

/** How the OpenAI loopback server answers one request. */
export type OpenAIChatScript =
  | {
      /** Stream these chunks as `data: <json>` events. Strings are sent as they are (for malformed data). */
      readonly chunks: ReadonlyArray<object | string>;
      /** End with `data: [DONE]` (default true). */
      readonly done?: boolean;
      /** A pause between chunks, in milliseconds. */
      readonly chunkDelayMs?: number;
      /** Destroy the socket after the chunks instead of ending the response. */
      readonly resetAtEnd?: boolean;
      /** A pause after the last chunk (and `[DONE]`), before the response ends, is reset or stalls, in milliseconds. */
      readonly endDelayMs?: number;
      /** After the chunks (and `[DONE]` unless `done: false`), send nothing more until the client hangs up. */
      readonly stallAtEnd?: boolean;
      /** A fault before the status line, instead of the chunks: `"reset"` the socket, or `"stall"` until the client hangs up. */
      readonly beforeHeaders?: "reset" | "stall";
    }
  | {
      /** Answer with this JSON body (a completion, or an `{error: ...}` body with an error status). */
      readonly json: unknown;
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
    };

/** A loopback server that speaks the OpenAI Chat Completions wire format. */
export interface OpenAIChatServer extends LoopbackServer {
  /** The base URL to give the `openai` SDK: `<url>/v1`. */
  readonly baseURL: string;
}

/**
 * Starts a loopback server for `POST /v1/chat/completions`. `script` decides each answer:
 * SSE framing as OpenAI sends it (`data: <json>\n\n` ... `data: [DONE]\n\n`) or a JSON body.
 */
export async function startOpenAIChatServer(
  script: (request: RecordedRequest) => OpenAIChatScript | Promise<OpenAIChatScript>,
): Promise<OpenAIChatServer> {
  const server = await startLoopbackServer(async (request) => openAIChatResponse(await script(request)));
  return { ...server, baseURL: `${server.url}/v1` };
}

/** The HTTP answer of a chat script: SSE with `[DONE]`, or a JSON body. */
export function openAIChatResponse(script: OpenAIChatScript): ScriptedResponse {
  if ("json" in script) {
    return {
      status: script.status ?? 200,
      headers: { "content-type": "application/json", ...script.headers },
      body: [JSON.stringify(script.json)],
    };
  }
  return {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" },
    body: sseEvents(script.chunks, script.done ?? true),
    pieceDelayMs: script.chunkDelayMs,
    resetAtEnd: script.resetAtEnd,
    endDelayMs: script.endDelayMs,
    stallAtEnd: script.stallAtEnd,
    beforeHeaders: script.beforeHeaders,
  };
}

function* sseEvents(chunks: ReadonlyArray<object | string>, done: boolean): Generator<string> {
  for (const chunk of chunks) yield `data: ${typeof chunk === "string" ? chunk : JSON.stringify(chunk)}\n\n`;
  if (done) yield "data: [DONE]\n\n";
}
