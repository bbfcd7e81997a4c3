/**
 * @module What a stream yields besides the adapter's chunks when a prompt has tools: each tool
 * call once it is complete, and, in the tool loop, each result and the steps' boundaries. They
 * are chunks too (no text, no usage), told apart by `kind`, which the adapter's chunks lack.
 */
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { Usage } from "../adapter/v1/usage.js";
import type { AnyTool, ToolCall, ToolCallOf, ToolResultOf } from "./tool.js";
import type { InvalidToolCall } from "./validate-tool-call.js";

/** The chunk fields a part has, all empty: a part adds no text, usage or finish reason. */
export interface EmptyChunkFields {
  readonly content: "";
  readonly finishReason: undefined;
  readonly rawFinishReason: undefined;
  readonly usage: undefined;
  readonly toolCallDeltas: undefined;
}

/** A tool call, complete, parsed and validated: yielded as soon as the model finished writing it. */
export interface ToolCallPart<TCall extends ToolCall = ToolCall> extends EmptyChunkFields {
  readonly kind: "tool-call";
  readonly toolCall: TCall;
}

/**
 * A fragment of a tool call's arguments, as the model writes them (only with the `toolCallDeltas`
 * option): the call's place, id and name as known so far, the text it adds, and the arguments
 * parsed so far (a string still being written as its prefix; not validated yet).
 */
export interface ToolCallDeltaPart extends EmptyChunkFields {
  readonly kind: "tool-call-delta";
  /** The call's place among this response's tool calls (0, 1, ...). */
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly argsTextDelta: string;
  /** The arguments parsed so far; `undefined` until something of them can be read. */
  readonly partialArgs: unknown;
}

/** A tool call that cannot be run (unknown tool, arguments not JSON or refused by the schema). */
export interface ToolCallErrorPart extends EmptyChunkFields {
  readonly kind: "tool-call-error";
  readonly toolCall: InvalidToolCall;
}

/** The tool loop ran a call: what the tool returned, or the error sent back to the model. */
export type ToolResultPart<TTools extends readonly AnyTool[] = readonly AnyTool[]> =
  | ToolSuccessPart<TTools>
  | (EmptyChunkFields & {
      readonly kind: "tool-result";
      readonly step: number;
      readonly toolName: string;
      readonly toolCall: ToolCallOf<TTools> | InvalidToolCall;
      readonly isError: true;
      /** What was sent back to the model: the error's message. */
      readonly result: string;
    });

/**
 * A tool's successful result, typed from the tool that returned it: `toolName` (the same as
 * `toolCall.name`) narrows a part, and so its `result`, to one tool.
 */
export type ToolSuccessPart<TTools extends readonly AnyTool[]> = TTools[number] extends infer T
  ? T extends { readonly name: infer TName extends string }
    ? EmptyChunkFields & {
        readonly kind: "tool-result";
        readonly step: number;
        readonly toolName: TName;
        readonly toolCall: ToolCallOf<readonly [T & AnyTool]>;
        readonly isError: false;
        readonly result: ToolResultOf<T>;
      }
    : never
  : never;

/** One request of the tool loop, as its boundary part and `response().steps` report it. */
export interface ToolStep<TTools extends readonly AnyTool[] = readonly AnyTool[]> {
  /** 0 for the first request. */
  readonly step: number;
  /** The text of this step. */
  readonly content: string;
  readonly finishReason: FinishReason | undefined;
  readonly usage: Usage | undefined;
  readonly toolCalls: ReadonlyArray<ToolCallOf<TTools>>;
  readonly invalidToolCalls: readonly InvalidToolCall[];
  /** The results sent back after this step; empty for the last one. */
  readonly toolResults: ReadonlyArray<ToolResultPart<TTools>>;
}

/** A step of the tool loop starts: a request is sent. */
export interface StepStartPart extends EmptyChunkFields {
  readonly kind: "step-start";
  readonly step: number;
}

/** A step of the tool loop ended, its calls run. */
export interface StepFinishPart<TTools extends readonly AnyTool[] = readonly AnyTool[]> extends EmptyChunkFields {
  readonly kind: "step-finish";
  readonly step: ToolStep<TTools>;
}

/** Everything a stream of a prompt with tools yields besides the adapter's chunks. */
export type ToolStreamPart<TTools extends readonly AnyTool[]> =
  | ToolCallPart<ToolCallOf<TTools>>
  | ToolCallDeltaPart
  | ToolCallErrorPart
  | ToolResultPart<TTools>
  | StepStartPart
  | StepFinishPart<TTools>;

/**
 * What a stream yields: the adapter's chunks only, for a prompt without tools; with tools, its
 * chunks (whose `kind` is `undefined`) and the {@link ToolStreamPart}s, told apart by `kind`.
 */
export type StreamChunk<TChunk extends ResponseChunk, TTools extends readonly AnyTool[]> = TTools extends readonly []
  ? TChunk
  : (TChunk & { readonly kind?: undefined }) | ToolStreamPart<TTools>;

const EMPTY: EmptyChunkFields = {
  content: "",
  finishReason: undefined,
  rawFinishReason: undefined,
  usage: undefined,
  toolCallDeltas: undefined,
};

/** A part, with the empty chunk fields. */
export function toolStreamPart<TPart extends { readonly kind: string }>(fields: TPart): TPart & EmptyChunkFields {
  return { ...EMPTY, ...fields };
}

/** Whether a chunk is one of core's parts rather than an adapter's chunk. */
export function isToolStreamPart(chunk: ResponseChunk): chunk is ToolStreamPart<readonly AnyTool[]> {
  return typeof (chunk as { kind?: unknown }).kind === "string";
}
