import {
  createGeminiTextChunks,
  createGeminiToolCallChunks,
  type GeminiScriptedFunctionCall,
  geminiErrorBody,
  wholeGeminiResponse,
} from "../google-gemini-chunks.js";
import { geminiEvent, isGeminiStreamRequest } from "../servers/google-gemini-server.js";
import type {
  ConformanceFinishReason,
  ConformanceServer,
  ConformanceToolCall,
  ConformanceUsage,
} from "./conformance-harness.js";
import { type ConformanceWireFormat, startLoopbackConformanceServer } from "./loopback-conformance-server.js";

/**
 * The client option the Gemini conformance server and fault wire hand out: the options of a
 * `GoogleGenAI` client, as `@promptstream/provider-google` takes them, `baseURL` becoming its
 * `httpOptions.baseUrl`. Nothing turns retries off: `@google/genai` retries only with
 * `httpOptions.retryOptions`, and resumes a stream only from a `continuationToken`, which the
 * loopback servers never send.
 */
export interface GoogleGeminiClientOptions {
  /** Sent by the SDK in the `x-goog-api-key` header. */
  readonly apiKey: string;
  /** The server's root URL; the SDK adds `/v1beta/models/...`. */
  readonly baseURL: string;
}

/** Gemini's `finishReason` for each neutral finish reason. */
const FINISH_REASONS: Readonly<Record<ConformanceFinishReason, string>> = { stop: "STOP", length: "MAX_TOKENS" };

/**
 * The Gemini API wire format (`POST /v1beta/models/{model}:streamGenerateContent?alt=sse`):
 * unnamed SSE events `data: <GenerateContentResponse>\r\n\r\n`, one per piece, then a final chunk
 * with the `finishReason` and the usage; no terminator. Each function call comes whole, in one
 * chunk. HTTP errors with Google's `{error: {code, message, status}}` body.
 */
export const googleGeminiWireFormat: ConformanceWireFormat<GoogleGeminiClientOptions> = {
  client: (url) => ({ apiKey: "gemini-conformance-key", baseURL: url }),
  isStreamed: isGeminiStreamRequest,
  streamEvents(pieces, ending, identity) {
    const chunks = createGeminiTextChunks(pieces.join(""), {
      id: identity?.id,
      model: identity?.model,
      split: () => [...pieces],
      // Without an ending: the chunks of the pieces, no final chunk.
      finishReason: ending === undefined ? null : FINISH_REASONS[ending.finishReason],
      usage: ending === undefined ? undefined : geminiUsage(ending.usage),
    });
    return chunks.map(geminiEvent);
  },
  answerBody: (text, { finishReason, usage }, identity) =>
    wholeGeminiResponse(
      createGeminiTextChunks(text, {
        id: identity?.id,
        model: identity?.model,
        split: (whole) => [whole],
        finishReason: FINISH_REASONS[finishReason],
        usage: geminiUsage(usage),
      }),
    ),
  errorBody: (status, message) => geminiErrorBody(status, message),
  toolCallEvents(parts, usage, cut) {
    const events = createGeminiToolCallChunks(toGeminiParts(parts), { usage: geminiUsage(usage) }).map(geminiEvent);
    if (!cut) return events;
    // The last call's chunk comes just before the final chunk: cut in the middle of it.
    const lastCall = events.at(-2) ?? "";
    return [...events.slice(0, -2), lastCall.slice(0, Math.floor(lastCall.length / 2))];
  },
  reasoningEvents(reasoning, signature, parts, usage) {
    // Gemini signs the first call of a step, or else the answer's text: the signature the next turn must carry.
    const hasCall = parts.some((part) => typeof part !== "string");
    const geminiParts = toGeminiParts(parts).map((part) =>
      typeof part !== "string" && part.thoughtSignature !== undefined ? { ...part, thoughtSignature: signature } : part,
    );
    return createGeminiToolCallChunks([{ thought: reasoning.join("") }, ...geminiParts], {
      usage: geminiUsage(usage),
      ...(hasCall ? {} : { textSignature: signature }),
    }).map(geminiEvent);
  },
  toolCallAnswerBody: (parts, usage) =>
    wholeGeminiResponse(createGeminiToolCallChunks(toGeminiParts(parts), { usage: geminiUsage(usage) })),
};

/** The neutral usage as Gemini's `usageMetadata` counts. */
function geminiUsage(usage: ConformanceUsage) {
  return { promptTokenCount: usage.input, candidatesTokenCount: usage.output };
}

/**
 * Neutral calls as Gemini 3 sends them: whole, their arguments an object (none for `""`), with
 * their `id`, the first one signed (`thoughtSignature`), as Gemini signs the first call of a step.
 */
function toGeminiParts(parts: ReadonlyArray<string | ConformanceToolCall>): Array<string | GeminiScriptedFunctionCall> {
  let signed = false;
  return parts.map((part) => {
    if (typeof part === "string") return part;
    const args: unknown = part.argsText === "" ? undefined : JSON.parse(part.argsText);
    const call = { id: part.id, name: part.name, ...(args === undefined ? {} : { args: args as object }) };
    if (signed) return call;
    signed = true;
    return { ...call, thoughtSignature: `signature-of-${part.id}` };
  });
}

/**
 * Starts a conformance server speaking the Gemini API wire format; its `client` is
 * `{ apiKey, baseURL: "<url>" }` (see {@link GoogleGeminiClientOptions}). Function calls come
 * whole: run the suite with `wholeToolCalls: true`.
 */
export function googleGeminiConformanceServer(): Promise<ConformanceServer<GoogleGeminiClientOptions>> {
  return startLoopbackConformanceServer(googleGeminiWireFormat);
}
