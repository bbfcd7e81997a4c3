import {
  type AdapterV1,
  type AdapterV1Request,
  type AdapterV1Stream,
  errorCodeForStatus,
  ProviderError,
  type ProviderErrorCode,
  type ProviderErrorOptions,
  parseRetryAfter,
  readEnv,
  readLines,
  redactSecrets,
} from "@promptstream/core";
import { createOllamaCallResponse, type OllamaCallResponse } from "./ollama-call-response.js";
import { OllamaCallResponseChunk } from "./ollama-call-response-chunk.js";
import {
  type OllamaCallParams,
  type OllamaChatLine,
  type OllamaToolCall,
  toOllamaChatBody,
  validateOllamaCallParams,
} from "./ollama-wire.js";

/** Where and how to reach Ollama. Default: `$OLLAMA_HOST`, else `http://localhost:11434`, with the global `fetch`. */
export interface OllamaClientOptions {
  readonly baseURL?: string | undefined;
  /** Extra headers for every request, e.g. `authorization` for a proxy in front of Ollama. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly fetch?: typeof fetch | undefined;
}

/** Where Ollama listens when neither the client option nor `OLLAMA_HOST` says otherwise. */
export const OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";
const PROVIDER = "ollama";
type OllamaRequest = AdapterV1Request<OllamaCallParams, OllamaClientOptions>;
/** What a stream keeps beside core's accumulation, to build its response. */
interface StreamState {
  last: OllamaChatLine | undefined;
  thinking: string;
  /** The calls so far, as sent: their count is the running index of the next line's first call. */
  readonly toolCalls: OllamaToolCall[];
}

/** Ollama's native `/api/chat` (NDJSON streaming), on the web `fetch`: no SDK. */
export const ollamaAdapter: AdapterV1<
  OllamaCallParams,
  OllamaCallResponseChunk,
  OllamaCallResponse,
  OllamaClientOptions
> = {
  specificationVersion: "v1",
  provider: PROVIDER,
  supportsTools: true,
  validateParams: validateOllamaCallParams,

  async doCall(request) {
    const response = await post(request, false);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw ollamaError("connection", `the reply broke off: ${describe(error)}`, { cause: error });
    }
    return createOllamaCallResponse(parseLine(text));
  },

  async doStream(request): Promise<AdapterV1Stream<OllamaCallResponseChunk, OllamaCallResponse>> {
    const { body } = await post(request, true);
    if (body === null) throw ollamaError("stream_interrupted", "the reply had no body");
    const state: StreamState = { last: undefined, thinking: "", toolCalls: [] };
    return {
      chunks: readChunks(body, state),
      createResponse: ({ content }) => {
        const calls = state.toolCalls.length === 0 ? {} : { tool_calls: state.toolCalls };
        const message = { role: "assistant", content, thinking: state.thinking, ...calls };
        return createOllamaCallResponse({ ...state.last, message });
      },
    };
  },
};

async function* readChunks(
  body: ReadableStream<Uint8Array>,
  state: StreamState,
): AsyncGenerator<OllamaCallResponseChunk, void, undefined> {
  try {
    for await (const text of readLines(body)) {
      const line = parseLine(text);
      state.last = line;
      const message = line.message;
      if (message?.thinking) state.thinking += message.thinking;
      const firstCallIndex = state.toolCalls.length;
      if (message?.tool_calls !== undefined) state.toolCalls.push(...message.tool_calls);
      yield new OllamaCallResponseChunk(line, firstCallIndex);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw ollamaError("stream_interrupted", `the stream broke off: ${describe(error)}`, { cause: error });
  }
  if (state.last?.done !== true) throw ollamaError("stream_interrupted", "the stream ended before its final line");
}

/** Sends the request; resolves once the headers arrived, or throws a `ProviderError`. */
async function post(request: OllamaRequest, stream: boolean): Promise<Response> {
  const { baseURL = defaultBaseURL(), headers, fetch: send = fetch } = request.client ?? {};
  let response: Response;
  try {
    response = await send(`${baseURL.replace(/\/+$/, "")}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(toOllamaChatBody(request.messages, request.params, stream, request.tools)),
      signal: request.signal,
    });
  } catch (error) {
    // After an abort core reports a StreamAbortedError, whatever is thrown here.
    throw ollamaError("connection", `could not reach ${baseURL}: ${describe(error)}. Is \`ollama serve\` running?`, {
      cause: error,
    });
  }
  if (response.ok) return response;
  const text = await response.text().catch(() => "");
  const message = errorOf(parseJSON(text)) ?? (text.trim() || `HTTP ${response.status} ${response.statusText}`);
  const token = new Headers(headers).get("authorization")?.replace(/^Bearer\s+/i, "");
  throw ollamaError(errorCodeForStatus(response.status) ?? "unknown", redactSecrets(message, token), {
    status: response.status,
    retryAfterMs: parseRetryAfter(response.headers),
  });
}

/** A line (or a whole reply): an `{"error": ...}` one, sent in the middle of a stream, becomes a `server_error`. */
function parseLine(text: string): OllamaChatLine {
  const line = parseJSON(text);
  if (typeof line !== "object" || line === null) {
    throw ollamaError("stream_interrupted", `sent something that is not a JSON object: ${text.slice(0, 200)}`, {
      retryable: false,
    });
  }
  const error = errorOf(line);
  if (error !== undefined) throw ollamaError("server_error", error);
  return line as OllamaChatLine;
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Ollama's message in an `{"error": "..."}` body. */
function errorOf(body: unknown): string | undefined {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === "string" ? error : undefined;
}

function ollamaError(
  code: ProviderErrorCode,
  message: string,
  options: Omit<ProviderErrorOptions, "code" | "provider"> = {},
): ProviderError {
  return new ProviderError(`Ollama: ${redactSecrets(message)}`, { ...options, code, provider: PROVIDER });
}

/** `OLLAMA_HOST` as Ollama's own CLI reads it: the scheme and the port 11434 may be left out. */
function defaultBaseURL(): string {
  const host = readEnv("OLLAMA_HOST");
  if (host === undefined) return OLLAMA_DEFAULT_BASE_URL;
  if (host.includes("://")) return host;
  return /:\d+$/.test(host) ? `http://${host}` : `http://${host}:11434`;
}

/** An error's message, with the `fetch failed` wrapper's cause (`connect ECONNREFUSED ...`). */
function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
