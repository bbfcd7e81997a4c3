import type { CallResponse } from "../adapter/v1/call-response.js";
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { OutputMode } from "../adapter/v1/output-spec.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { Usage } from "../adapter/v1/usage.js";
import type { ToolCall } from "../tools/tool.js";
import type { EmptyChunkFields, StepStartPart, ToolCallDeltaPart } from "../tools/tool-stream-parts.js";

/** A chunk read back from an event stream: the neutral fields of the server's chunk. */
export interface ClientChunk extends ResponseChunk {
  /** Absent on chunks, set on tool-call parts: tells them apart. */
  readonly kind?: undefined;
  /** The reasoning text this chunk adds; `""` when it adds none. */
  readonly reasoning: string;
}

/** A tool call the server could not run, as sent: its error as a name and a message. */
export interface ClientInvalidToolCall {
  readonly id: string;
  readonly name: string;
  readonly argsText: string;
  readonly error: { readonly name: string; readonly message: string };
}

/** A complete tool call (the server's `tool-call` part). */
export interface ClientToolCallPart extends EmptyChunkFields {
  readonly kind: "tool-call";
  readonly toolCall: ToolCall;
}

/** A call the server could not run (its `tool-call-error` part). */
export interface ClientToolCallErrorPart extends EmptyChunkFields {
  readonly kind: "tool-call-error";
  readonly toolCall: ClientInvalidToolCall;
}

/** What the server's tool loop got from a tool (its `tool-result` part); `result` is the tool's value, as JSON. */
export interface ClientToolResultPart extends EmptyChunkFields {
  readonly kind: "tool-result";
  readonly step: number;
  readonly toolName: string;
  readonly toolCall: ToolCall | ClientInvalidToolCall;
  readonly isError: boolean;
  readonly result: unknown;
}

/** One request of the server's tool loop. */
export interface ClientToolStep {
  readonly step: number;
  readonly content: string;
  readonly finishReason: FinishReason | undefined;
  readonly usage: Usage | undefined;
  readonly toolCalls: readonly ToolCall[];
  readonly invalidToolCalls: readonly ClientInvalidToolCall[];
  readonly toolResults: readonly ClientToolResultPart[];
}

/** A step of the server's tool loop ended (its `step-finish` part). */
export interface ClientStepFinishPart extends EmptyChunkFields {
  readonly kind: "step-finish";
  readonly step: ClientToolStep;
}

/** The tool-call parts a client stream yields, told apart by `kind`, as on the server. */
export type ClientToolPart =
  | ClientToolCallPart
  | ToolCallDeltaPart
  | ClientToolCallErrorPart
  | ClientToolResultPart
  | StepStartPart
  | ClientStepFinishPart;

/** What a client stream yields: the chunks, and the tool-call parts of a prompt with tools. */
export type ClientStreamChunk = ClientChunk | ClientToolPart;

/** The final response read back from an event stream: the neutral fields of the server's response. */
export interface ClientResponse<TObject = unknown> extends CallResponse {
  /** The model's reasoning text; `""` when the server's stream had none. */
  readonly reasoning: string;
  /** The tool calls, for a prompt with tools. */
  readonly toolCalls: readonly ToolCall[] | undefined;
  readonly invalidToolCalls: readonly ClientInvalidToolCall[] | undefined;
  /** The tool loop's steps. */
  readonly steps: readonly ClientToolStep[] | undefined;
  /** The validated answer, for a prompt with an `output` schema. */
  readonly object: TObject | undefined;
  readonly outputMode: OutputMode | undefined;
}
