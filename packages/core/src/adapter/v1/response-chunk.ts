import type { FinishReason } from "./finish-reason.js";
import type { ToolCallDelta } from "./tool-call-delta.js";
import type { Usage } from "./usage.js";

/**
 * One piece of a streamed response, as every adapter's chunk class exposes it. Adapters add
 * their provider's raw data beside these fields (e.g. `chunk`, `choices`, `delta` for OpenAI).
 */
export interface ResponseChunk {
  /** The text this chunk adds; `""` when it adds none. */
  readonly content: string;
  /**
   * The reasoning (thinking) text this chunk adds; `""` when it adds none. Never part of
   * `content`. Optional in the contract so that adapters written before it keep working: core
   * reads an absent one as `""`.
   */
  readonly reasoning?: string | undefined;
  /** Why the model stopped, on the chunk that says so; otherwise `undefined`. */
  readonly finishReason: FinishReason | undefined;
  /** The provider's own finish reason, as sent, where this chunk carries one. */
  readonly rawFinishReason: string | undefined;
  /** Token counts, on the chunk that carries them; otherwise `undefined`. */
  readonly usage: Usage | undefined;
  /**
   * The tool-call fragments this chunk carries, in order; `undefined` (or absent, for adapters
   * without tools) when it carries none.
   */
  readonly toolCallDeltas?: readonly ToolCallDelta[] | undefined;
}
