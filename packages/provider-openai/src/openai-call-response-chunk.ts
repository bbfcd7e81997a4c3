import type { FinishReason, ResponseChunk, Usage } from "@promptstream/core";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { mapOpenAIUsage } from "./map-openai-usage.js";

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

  constructor(chunk: ChatCompletionChunk) {
    this.chunk = chunk;
    this.content = chunk.choices[0]?.delta?.content ?? "";
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

  get finishReason(): FinishReason | undefined {
    const reason = this.chunk.choices[0]?.finish_reason;
    return reason == null ? undefined : mapOpenAIFinishReason(reason);
  }

  get rawFinishReason(): string | undefined {
    return this.chunk.choices[0]?.finish_reason ?? undefined;
  }

  /** Token counts, on the last chunk when usage was requested (the default). */
  get usage(): Usage | undefined {
    const usage = this.chunk.usage;
    return usage == null ? undefined : mapOpenAIUsage(usage);
  }
}
