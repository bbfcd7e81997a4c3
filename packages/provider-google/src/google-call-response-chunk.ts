import type { Candidate, GenerateContentResponse, Part } from "@google/genai";
import type { FinishReason, ResponseChunk, ToolCallDelta, Usage } from "@promptstream/core";
import { mapGoogleFinishReason } from "./map-google-finish-reason.js";

/** What the adapter read from one streamed response, beside the raw object. */
export interface GoogleChunkFields {
  readonly content: string;
  readonly reasoning: string;
  readonly usage: Usage | undefined;
  readonly toolCallDeltas: readonly ToolCallDelta[] | undefined;
  /** Whether the stream had function calls by this chunk: Gemini's `STOP` is then `"tool_calls"`. */
  readonly hasToolCalls: boolean;
}

/**
 * One streamed Gemini response (`streamGenerateContent` sends the whole response shape each
 * time, with that chunk's parts): the neutral `ResponseChunk` fields plus the raw
 * `GenerateContentResponse`, as `@google/genai` parsed it, and shortcuts into it.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;   // the answer text of this chunk's parts, or ""
 *   chunk.reasoning; // the text of its thought parts (`thought: true`), or ""
 *   chunk.parts;     // the first candidate's parts, with `thoughtSignature`s
 *   chunk.response;  // the raw GenerateContentResponse
 * }
 */
export class GoogleCallResponseChunk implements ResponseChunk {
  /** The raw response object, as `@google/genai` parsed it. */
  readonly response: GenerateContentResponse;
  /** The answer text this chunk adds: its non-thought text parts; `""` when it has none. */
  readonly content: string;
  /** The thinking this chunk adds (text parts with `thought: true`); `""` otherwise. Never part of `content`. */
  readonly reasoning: string;
  /** Token counts, on the chunks whose `usageMetadata` has counts (Gemini repeats them, growing). */
  readonly usage: Usage | undefined;
  /** The function-call fragments of this chunk's parts (see `GoogleFunctionCalls`). */
  readonly toolCallDeltas: readonly ToolCallDelta[] | undefined;
  readonly #hasToolCalls: boolean;

  constructor(response: GenerateContentResponse, fields: GoogleChunkFields) {
    this.response = response;
    this.content = fields.content;
    this.reasoning = fields.reasoning;
    this.usage = fields.usage;
    this.toolCallDeltas = fields.toolCallDeltas;
    this.#hasToolCalls = fields.hasToolCalls;
  }

  /** The first candidate (a promptstream call asks for one). */
  get candidate(): Candidate | undefined {
    return this.response.candidates?.[0];
  }

  /** The first candidate's parts: text, thoughts, function calls, each with its `thoughtSignature`. */
  get parts(): readonly Part[] {
    return this.candidate?.content?.parts ?? [];
  }

  /** The neutral finish reason, on the chunk that carries one. */
  get finishReason(): FinishReason | undefined {
    const reason = this.rawFinishReason;
    return reason === undefined ? undefined : mapGoogleFinishReason(reason, this.#hasToolCalls);
  }

  /** Gemini's `finishReason`, on the chunk that carries one. */
  get rawFinishReason(): string | undefined {
    return this.candidate?.finishReason ?? undefined;
  }
}
