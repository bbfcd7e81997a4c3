/**
 * @module The event-stream wire format that `toEventStreamResponse()` and `pipeToNodeResponse()` write
 * and `@promptstream/core/client` reads: server-sent events, one per chunk, whose `data` is JSON.
 *
 * - (no name, `message` to an `EventSource`; `chunk` is read too): an adapter chunk's neutral fields
 *   ({@link WireChunk}); fields without a value are left out. Chunks are most of a stream: their events
 *   carry no name, to keep them short.
 * - `part`: a tool-call part (`tool-call`, `tool-call-delta`, `tool-result`, `step-start`, ...), as the stream yields it.
 * - `object`: the answer parsed so far, for a prompt with an `output` schema (a new snapshot each time it changed).
 * - `response`: the final response's neutral fields ({@link WireResponse}); the stream ends after it. Its
 *   `message` is left out when it is only the assistant's text (`{ role: "assistant", content }`).
 * - `error`: the stream failed ({@link WireError}); the stream ends after it.
 */
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { ToolCallDelta } from "../adapter/v1/tool-call-delta.js";
import type { Usage } from "../adapter/v1/usage.js";
import type { AssistantMessage } from "../prompt/message.js";

/** The event names of the wire format. */
export type WireEventName = "chunk" | "part" | "object" | "response" | "error";

/** A chunk's neutral fields as sent; a field without a value is absent. */
export interface WireChunk {
  readonly content?: string;
  /** Reasoning text, for adapters whose chunks carry one. */
  readonly reasoning?: string;
  readonly finishReason?: FinishReason;
  readonly rawFinishReason?: string;
  readonly usage?: Usage;
  readonly toolCallDeltas?: readonly ToolCallDelta[];
}

/** The final response's neutral fields as sent: provider-specific raw data stays on the server. */
export interface WireResponse {
  readonly content: string;
  /** The model's reasoning text; absent when there was none. */
  readonly reasoning?: string;
  readonly finishReason?: FinishReason;
  readonly rawFinishReason?: string;
  readonly usage?: Usage;
  readonly model?: string;
  readonly id?: string;
  /** Absent when it is `{ role: "assistant", content }`: the client rebuilds it. */
  readonly message?: AssistantMessage;
  /** The tool calls, for a prompt with tools. */
  readonly toolCalls?: readonly unknown[];
  /** The calls that could not be run, for a prompt with tools. */
  readonly invalidToolCalls?: readonly unknown[];
  /** The tool loop's steps. */
  readonly steps?: readonly unknown[];
  /** The validated answer, for a prompt with an `output` schema. */
  readonly object?: unknown;
  readonly outputMode?: string;
}

/** A failure as sent: what a user may see, never a stack, a cause or a request's headers. */
export interface WireError {
  /** The error class's name, e.g. `"RateLimitError"`. */
  readonly name: string;
  /** The error's `code`, e.g. `"rate_limited"`; `"internal"` for an error that is not promptstream's. */
  readonly code: string;
  readonly message: string;
  readonly provider?: string;
  readonly status?: number;
  readonly retryable?: boolean;
  /** The text received before the failure. */
  readonly partialText?: string;
}

/** The fields of a response that are sent, in this order. */
export const WIRE_RESPONSE_FIELDS = [
  "content",
  "reasoning",
  "finishReason",
  "rawFinishReason",
  "usage",
  "model",
  "id",
  "message",
  "toolCalls",
  "invalidToolCalls",
  "steps",
  "object",
  "outputMode",
] as const satisfies ReadonlyArray<keyof WireResponse>;
