import { splitWords } from "./split-words.js";

/** The token counts a Gemini answer reports, as `usageMetadata` names them. */
export interface GeminiUsage {
  /** Default 12. */
  readonly promptTokenCount?: number;
  /** Default: the number of text pieces and calls. */
  readonly candidatesTokenCount?: number;
  /** Default: the number of thought pieces; left out when 0. */
  readonly thoughtsTokenCount?: number;
  /** Left out by default. */
  readonly cachedContentTokenCount?: number;
}

/** Options of {@link createGeminiTextChunks}. */
export interface GeminiTextChunksOptions {
  /** The answer's `responseId`. */
  readonly id?: string;
  /** The `modelVersion` the chunks name; default `gemini-2.5-flash`. */
  readonly model?: string;
  /** How the text (and the thoughts) is cut into chunks: by default, one chunk per word with its leading space. */
  readonly split?: (text: string) => string[];
  /**
   * The `finishReason` of the last chunk: default `"STOP"` (Gemini's reason for function calls too);
   * `"MAX_TOKENS"`, `"SAFETY"`, ... `null`: no final chunk at all, the stream ends after the last
   * piece, as a stream cut short would.
   */
  readonly finishReason?: string | null;
  /** The final usage; every chunk before carries the running counts, as Gemini sends them. */
  readonly usage?: GeminiUsage;
  /** Thought summaries to stream first, as `{ thought: true, text }` parts. */
  readonly thoughts?: string;
  /**
   * The `thoughtSignature` Gemini 3 puts on the answer's text: sent on the final chunk's empty text
   * part, as the recorded streams have it. Left out by default.
   */
  readonly textSignature?: string;
}

/** A function call for {@link createGeminiToolCallChunks}: Gemini sends it whole, in one part. */
export interface GeminiScriptedFunctionCall {
  readonly name: string;
  /** The arguments object; left out, the part has no `args` (a call without arguments). */
  readonly args?: object;
  /** The call's `id`, which the `functionResponse` refers to; the Gemini API leaves it out. */
  readonly id?: string;
  /** The part's `thoughtSignature`, as thinking models send on their first call. */
  readonly thoughtSignature?: string;
}

/**
 * A thought summary for {@link createGeminiToolCallChunks}, streamed where it stands as
 * `{ thought: true, text }` parts (cut by `split`), the signature on its last piece.
 */
export interface GeminiScriptedThought {
  /** The thought summary's text. */
  readonly thought: string;
  /** The `thoughtSignature` of the thought's last piece. */
  readonly thoughtSignature?: string;
}

/** Options of {@link createGeminiToolCallChunks}. */
export type GeminiToolCallChunksOptions = GeminiTextChunksOptions;

type GeminiPart = Readonly<Record<string, unknown>>;

/**
 * `GenerateContentResponse` chunks that stream `text` the way Gemini does
 * (`POST /v1beta/models/{model}:streamGenerateContent?alt=sse`): one chunk per piece, each
 * `{ candidates: [{ content: { role: "model", parts: [{ text }] }, index: 0 }], usageMetadata, modelVersion, responseId }`,
 * then a final chunk with an empty text part, the `finishReason` and the usage. Serve each as
 * `data: <json>\r\n\r\n`; slice the result to cut the stream short.
 */
export function createGeminiTextChunks(text: string, options: GeminiTextChunksOptions = {}): object[] {
  return createGeminiToolCallChunks([text], options);
}

/**
 * Gemini chunks of an answer that thinks and calls functions: each string streams as text parts
 * (cut by `split`), each {@link GeminiScriptedThought} as thought parts, each
 * {@link GeminiScriptedFunctionCall} is one chunk holding the whole `functionCall` part (with its
 * `thoughtSignature`, as Gemini signs the first call of a step), in the order given, then the
 * final chunk (`finishReason: "STOP"`: Gemini has no finish reason of its own for calls).
 *
 * @example
 * createGeminiToolCallChunks([
 *   { thought: "The user wants the weather." },
 *   { id: "call_1", name: "get_weather", args: { city: "Paris" }, thoughtSignature: "c2lnLTE=" },
 * ])
 */
export function createGeminiToolCallChunks(
  parts: ReadonlyArray<string | GeminiScriptedThought | GeminiScriptedFunctionCall>,
  options: GeminiToolCallChunksOptions = {},
): object[] {
  const split = options.split ?? splitWords;
  const partsSent: GeminiPart[] = [
    ...(options.thoughts === undefined ? [] : thoughtParts({ thought: options.thoughts }, split)),
    ...parts.flatMap((part): GeminiPart[] => {
      if (typeof part === "string") return split(part).map((text) => ({ text }));
      return "thought" in part ? thoughtParts(part, split) : [functionCallPart(part)];
    }),
  ];
  // The thought pieces among the first n parts sent, for the running counts.
  const thoughtsBefore = [0];
  for (const part of partsSent) thoughtsBefore.push((thoughtsBefore.at(-1) ?? 0) + (part.thought === true ? 1 : 0));
  const thoughtCount = thoughtsBefore.at(-1) ?? 0;
  const promptTokenCount = options.usage?.promptTokenCount ?? 12;
  const usageAfter = (sent: number, final: boolean) => {
    const thoughtsSent = thoughtsBefore[sent] ?? 0;
    const candidates = final
      ? (options.usage?.candidatesTokenCount ?? partsSent.length - thoughtCount)
      : sent - thoughtsSent;
    const thoughtsCount = final ? (options.usage?.thoughtsTokenCount ?? thoughtCount) : thoughtsSent;
    return {
      promptTokenCount,
      candidatesTokenCount: candidates,
      totalTokenCount: promptTokenCount + candidates + thoughtsCount,
      ...(thoughtsCount === 0 ? {} : { thoughtsTokenCount: thoughtsCount }),
      ...(final && options.usage?.cachedContentTokenCount !== undefined
        ? { cachedContentTokenCount: options.usage.cachedContentTokenCount }
        : {}),
    };
  };
  const chunks = partsSent.map((part, at) => geminiChunk([part], usageAfter(at + 1, false), options));
  const finishReason = options.finishReason === undefined ? "STOP" : options.finishReason;
  if (finishReason === null) return chunks;
  const last: GeminiPart =
    options.textSignature === undefined ? { text: "" } : { text: "", thoughtSignature: options.textSignature };
  return [...chunks, geminiChunk([last], usageAfter(partsSent.length, true), options, finishReason)];
}

function thoughtParts(
  { thought, thoughtSignature }: GeminiScriptedThought,
  split: (text: string) => string[],
): GeminiPart[] {
  const pieces = split(thought);
  return pieces.map((text, at) =>
    at === pieces.length - 1 && thoughtSignature !== undefined
      ? { thought: true, text, thoughtSignature }
      : { thought: true, text },
  );
}

/**
 * The whole `GenerateContentResponse` of a non-streamed request (`:generateContent`): the chunks'
 * parts in one candidate (consecutive text parts joined, thoughts apart; a signed part ends the
 * run it closes, keeping its signature), and the last chunk's finish reason, usage and identity.
 */
export function wholeGeminiResponse(chunks: readonly object[]): object {
  const parts: GeminiPart[] = [];
  for (const chunk of chunks as ReadonlyArray<{ candidates?: Array<{ content?: { parts?: GeminiPart[] } }> }>) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      const last = parts.at(-1);
      const joinable =
        typeof part.text === "string" &&
        typeof last?.text === "string" &&
        last.thought === part.thought &&
        last.thoughtSignature === undefined;
      if (joinable)
        parts[parts.length - 1] = { ...last, ...part, text: `${last.text as string}${part.text as string}` };
      else if (part.text !== "" || part.thoughtSignature !== undefined) parts.push(part);
    }
  }
  const last = (chunks.at(-1) ?? {}) as { candidates?: Array<{ finishReason?: string }> };
  const finishReason = last.candidates?.[0]?.finishReason;
  return {
    ...last,
    candidates: [
      { content: { role: "model", parts }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 },
    ],
  };
}

/** Gemini's `error.status` for the HTTP statuses it answers with. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/**
 * Google's error body, `{ error: { code, message, status, details? } }`, for an HTTP status; with
 * `retryDelay` (e.g. `"12s"`), a `google.rpc.RetryInfo` detail, as a 429 holds. The same object,
 * as a stream chunk, is how Gemini fails a stream that has started.
 */
export function geminiErrorBody(status: number, message: string, retryDelay?: string): object {
  const name = STATUS_NAMES[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
  const details =
    retryDelay === undefined ? {} : { details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] };
  return { error: { code: status, message, status: name, ...details } };
}

function functionCallPart(call: GeminiScriptedFunctionCall): GeminiPart {
  const functionCall = {
    name: call.name,
    ...(call.args === undefined ? {} : { args: call.args }),
    ...(call.id === undefined ? {} : { id: call.id }),
  };
  return { functionCall, ...(call.thoughtSignature === undefined ? {} : { thoughtSignature: call.thoughtSignature }) };
}

function geminiChunk(
  parts: readonly GeminiPart[],
  usageMetadata: object,
  options: GeminiTextChunksOptions,
  finishReason?: string,
): object {
  return {
    candidates: [
      { content: { role: "model", parts }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 },
    ],
    usageMetadata,
    modelVersion: options.model ?? "gemini-2.5-flash",
    responseId: options.id ?? "gemini-loopback",
  };
}
