/**
 * @module The tool types: a tool's definition, the calls the model makes to it, and how their
 * types follow from the tools a prompt was given.
 */
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";

/** What a tool's `execute` receives beside its arguments. */
export interface ToolContext {
  /** Aborted when the stream is aborted or its consumer leaves: pass it on to any request the tool makes. */
  readonly signal: AbortSignal;
  /** The id of the call being answered. */
  readonly toolCallId: string;
}

/** The outcome of validating a call's arguments against a tool's schema. */
export type ToolArgsResult<TArgs> = StandardSchemaV1.Result<TArgs>;

/**
 * A tool the model may call, made by {@link defineTool}. Its type carries the tool's name, the
 * type of its arguments (the schema's output: defaults applied) and what `execute` returns.
 */
export interface Tool<TName extends string = string, TArgs = unknown, TResult = unknown> {
  readonly name: TName;
  readonly description: string | undefined;
  /** The arguments' JSON Schema, as it is sent to the provider. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** OpenAI strict function calling for this tool; `undefined`: the provider's default. */
  readonly strict: boolean | undefined;
  /** Validates arguments the model wrote (already parsed from JSON). */
  validateArgs(args: unknown): ToolArgsResult<TArgs> | Promise<ToolArgsResult<TArgs>>;
  /** Runs the tool; the tool loop calls it. `undefined` for a tool the app runs itself. */
  readonly execute?: ((args: TArgs, context: ToolContext) => TResult | Promise<TResult>) | undefined;
  /** Types only, never set: what the tool's arguments and result are (as Standard Schema's `types`). */
  readonly "~types"?: { readonly args: TArgs; readonly result: TResult } | undefined;
}

/** Any tool, whatever its name, arguments and result: what a prompt's `tools` list holds. */
export interface AnyTool extends Omit<Tool<string, unknown, unknown>, "execute"> {
  // A method, so that a tool whose `execute` takes narrower arguments still fits here.
  execute?(args: never, context: ToolContext): unknown;
}

/** A completed tool call, its arguments parsed and validated. */
export interface ToolCall<TName extends string = string, TArgs = unknown> {
  /** The provider's id of the call; a tool result answers it with this id. */
  readonly id: string;
  readonly name: TName;
  /** The arguments, validated by the tool's schema (defaults applied). */
  readonly args: TArgs;
  /** The arguments as the model wrote them. */
  readonly argsText: string;
}

/** The calls a list of tools can receive: a union discriminated by `name`, with each tool's arguments. */
export type ToolCallOf<TTools extends readonly AnyTool[]> = TTools[number] extends infer T
  ? T extends { readonly name: infer TName extends string }
    ? ToolCall<TName, ToolArgsOf<T>>
    : never
  : never;

/** The arguments type of a tool. */
export type ToolArgsOf<T> = T extends { readonly "~types"?: { readonly args: infer TArgs } | undefined }
  ? TArgs
  : never;

/** What a tool's `execute` resolves to. */
export type ToolResultOf<T> = T extends { readonly "~types"?: { readonly result: infer TResult } | undefined }
  ? Awaited<TResult>
  : never;
