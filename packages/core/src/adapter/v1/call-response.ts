import type { Cost } from "../../pricing/cost.js";
import type { AssistantMessage } from "../../prompt/message.js";
import type { FinishReason } from "./finish-reason.js";
import type { RawToolCall } from "./raw-tool-call.js";
import type { Usage } from "./usage.js";

/**
 * A whole response, the same fields for every provider, whether it came from `call()` or was
 * assembled from a stream by `stream.response()`. Adapters extend it with their raw data.
 */
export interface CallResponse {
  /** The whole text of the answer. */
  readonly content: string;
  /**
   * The model's reasoning text (or its summary), never part of `content`; `""` when it sent none.
   * Optional in the contract (adapters written before it keep working); the bundled adapters set it.
   */
  readonly reasoning?: string | undefined;
  /** Why the model stopped; `undefined` when the stream ended before saying so. */
  readonly finishReason: FinishReason | undefined;
  /** The provider's own finish reason, as sent. */
  readonly rawFinishReason: string | undefined;
  /** Token counts; `undefined` when the provider reported none. */
  readonly usage: Usage | undefined;
  /** The model that answered, as the provider named it. */
  readonly model: string | undefined;
  /** The provider's id of this response. */
  readonly id: string | undefined;
  /** The answer as a message, to append to a conversation history. */
  readonly message: AssistantMessage;
  /**
   * The tool calls of a non-streamed response, as the provider sent them: an adapter that
   * supports tools sets it in `doCall`; core parses and validates them into `toolCalls`.
   */
  readonly rawToolCalls?: readonly RawToolCall[] | undefined;
  /**
   * What the response cost, from its usage and the price table given as `prices` (a tool loop's:
   * every step's, each at its model's price); `undefined` when the table has no price for the
   * model, absent when no table was given. Core sets it; an adapter need not.
   */
  readonly cost?: Cost | undefined;
}

/** What core accumulates from a stream's chunks, handed to the adapter to build its response. */
export interface StreamSummary {
  readonly content: string;
  /** The chunks' `reasoning`, joined; `""` when none had any. */
  readonly reasoning: string;
  readonly finishReason: FinishReason | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  /**
   * The tool calls assembled from the chunks' `toolCallDeltas`, complete or not, in order; absent
   * when there were none (so an adapter may spread the summary into its response).
   */
  readonly rawToolCalls?: readonly RawToolCall[] | undefined;
}
