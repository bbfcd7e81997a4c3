import type { FinishReason, ResponseChunk, ToolCallDelta, Usage } from "@promptstream/core";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { mapOpenAIUsage } from "./map-openai-usage.js";
import { OpenAIToolCallNumbering } from "./openai-tool-call-numbering.js";

/** A delta as OpenAI-compatible servers may send it, with reasoning text beside the content. */
type DeltaWithReasoning = ChatCompletionChunk.Choice.Delta & {
  reasoning_content?: string | null;
  reasoning?: string | null;
};

/**
 * One streamed OpenAI chunk: the neutral `ResponseChunk` fields plus the raw
 * `ChatCompletionChunk` and shortcuts into it. Only `content`, which every consumer reads, is
 * taken out when the chunk is wrapped; the getters read the raw chunk on demand, so wrapping a
 * chunk costs one small object.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;  // chunk.choices[0].delta.content, or ""
 *   chunk.delta;    // chunk.choices[0].delta
 *   chunk.choice;   // chunk.choices[0]
 *   chunk.choices;  // chunk.chunk.choices
 *   chunk.chunk;    // the ChatCompletionChunk
 * }
 */
export class OpenAICallResponseChunk implements ResponseChunk {
  /** The raw chunk, as the `openai` SDK parsed it. */
  readonly chunk: ChatCompletionChunk;
  /** The text this chunk adds: `chunk.choices[0].delta.content`, or `""`. */
  readonly content: string;
  readonly #toolCallDeltas: readonly ToolCallDelta[] | undefined;

  /**
   * @param chunk - the raw chunk.
   * @param toolCallDeltas - its tool-call fragments, numbered across the stream (the adapter's
   * decoder passes them); left out, they are read from this chunk alone.
   */
  constructor(chunk: ChatCompletionChunk, toolCallDeltas?: readonly ToolCallDelta[]) {
    this.chunk = chunk;
    this.content = chunk.choices[0]?.delta?.content ?? "";
    this.#toolCallDeltas = toolCallDeltas;
  }

  /** `chunk.choices`: empty on a usage-only chunk and on Azure's first chunk. */
  get choices(): ChatCompletionChunk.Choice[] {
    return this.chunk.choices;
  }

  /** `chunk.choices[0]`, or `undefined` when the chunk has no choice. */
  get choice(): ChatCompletionChunk.Choice | undefined {
    return this.chunk.choices[0];
  }

  /** `chunk.choices[0].delta`, or `undefined` when the chunk has no choice. */
  get delta(): ChatCompletionChunk.Choice.Delta | undefined {
    return this.chunk.choices[0]?.delta;
  }

  /** Reasoning text that OpenAI-compatible servers send as `reasoning_content` (or `reasoning`); `""` when absent. */
  get reasoning(): string {
    const delta = this.chunk.choices[0]?.delta as DeltaWithReasoning | undefined;
    return delta?.reasoning_content ?? delta?.reasoning ?? "";
  }

  /** Refusal text the model sent instead of content; `""` when absent. */
  get refusal(): string {
    return this.chunk.choices[0]?.delta?.refusal ?? "";
  }

  /** Tool-call fragments on this chunk, if any. */
  get toolCalls(): ChatCompletionChunk.Choice.Delta.ToolCall[] | undefined {
    return this.chunk.choices[0]?.delta?.tool_calls;
  }

  /**
   * The tool-call fragments of this chunk as neutral deltas, `index` being the call's place among
   * the response's calls; `undefined` when the chunk carries none.
   */
  get toolCallDeltas(): readonly ToolCallDelta[] | undefined {
    if (this.#toolCallDeltas !== undefined) return this.#toolCallDeltas;
    // Read on every chunk by core: most carry no tool call, and cost no allocation here.
    const fragments = this.chunk.choices[0]?.delta?.tool_calls;
    if (fragments == null || fragments.length === 0) return undefined;
    return new OpenAIToolCallNumbering().deltasOf(fragments);
  }

  /** Why the model stopped, on the chunk that says so (the last one with a choice). */
  get finishReason(): FinishReason | undefined {
    const reason = this.chunk.choices[0]?.finish_reason;
    return reason == null ? undefined : mapOpenAIFinishReason(reason);
  }

  /** OpenAI's own `finish_reason`, as sent. */
  get rawFinishReason(): string | undefined {
    return this.chunk.choices[0]?.finish_reason ?? undefined;
  }

  /** Token counts, on the last chunk when usage was requested (the default). */
  get usage(): Usage | undefined {
    const usage = this.chunk.usage;
    return usage == null ? undefined : mapOpenAIUsage(usage);
  }
}
