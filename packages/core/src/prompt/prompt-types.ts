/**
 * @module The user-facing prompt types: what a prompt class is defined with, its constructor,
 * its instances' `stream()` and `call()`, and the factory a provider exports.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { OutputMode } from "../adapter/v1/output-spec.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { MiddlewareOptions } from "../middleware/middleware.js";
import type { OutputDefinition, OutputObject } from "../output/output-schema.js";
import type { OutputResponseFields } from "../output/output-tracker.js";
import type { StructuredResponseStream } from "../output/structured-response-stream.js";
import type { ParamPolicyOptions } from "../params/unsupported-params-policy.js";
import type { PricingOptions } from "../pricing/price-table.js";
import type { ReliabilityOptions } from "../reliability/reliability-options.js";
import type { ResponseStream } from "../stream/response-stream.js";
import type { AnyTool, ToolCallOf } from "../tools/tool.js";
import type { ToolCallsResponseFields } from "../tools/tool-call-tracker.js";
import type { ToolLoopOptions } from "../tools/tool-loop-options.js";
import type { StreamChunk, ToolStep } from "../tools/tool-stream-parts.js";
import type { VariablesInput, VariablesOutput } from "./infer-variables.js";
import type { Message } from "./message.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/** Options that choose how a structured output is asked for. */
export interface OutputModeOptions {
  /**
   * For a prompt with an `output` schema: the mode to ask for it in, over the definition's
   * `output.mode` and the adapter's best (e.g. `"json"` for an OpenAI-compatible server without
   * `response_format`).
   */
  readonly outputMode?: OutputMode | undefined;
}

/** What a prompt class is defined with. Its reliability options (retries, timeouts, signal) apply to every call. */
export interface PromptDefinition<
  T extends string,
  S,
  TParams,
  TClient,
  TTools extends readonly AnyTool[] = [],
  TOutput extends OutputDefinition | undefined = undefined,
> extends ReliabilityOptions,
    ParamPolicyOptions,
    ToolLoopOptions,
    MiddlewareOptions,
    PricingOptions {
  /**
   * The template: `{name}` placeholders, `{{`/`}}` for literal braces, and lines starting
   * `SYSTEM:`, `USER:`, `ASSISTANT:` or `MESSAGES: {history}` for role messages.
   */
  readonly template: T;
  /** A schema for the variables (zod 3.25+, zod 4, valibot, arktype: any Standard Schema). */
  readonly variables?: S;
  /** Call params for every call of this prompt; instance and call params override them. */
  readonly callParams?: TParams;
  /** The provider client (an SDK instance or its options) for every call of this prompt. */
  readonly client?: TClient;
  /** The tools the model may call (see `defineTool`); their calls are typed from this list. */
  readonly tools?: TTools;
  /**
   * The answer's shape, for structured output: a Standard Schema validator that can produce JSON
   * Schema (zod 4, arktype...), `jsonSchema<T>({...})`, or `{ schema, name, description, mode, reask }`.
   * The stream then gives `partialObjects`, `elementStream` and `object()`, the response `object`.
   */
  readonly output?: TOutput;
}

/** Options given when constructing a prompt: they apply to each of its calls, over the definition's. */
export interface PromptOptions<TParams, TClient>
  extends ReliabilityOptions,
    ParamPolicyOptions,
    ToolLoopOptions,
    OutputModeOptions,
    MiddlewareOptions,
    PricingOptions {
  /** Call params that override the definition's. */
  readonly callParams?: TParams;
  /** A client that overrides the definition's. */
  readonly client?: TClient;
}

/** Options of one `stream()` or `call()`, over the instance's and the definition's. */
export interface RequestOptions<TClient>
  extends ReliabilityOptions,
    ParamPolicyOptions,
    ToolLoopOptions,
    OutputModeOptions,
    MiddlewareOptions,
    PricingOptions {
  /** A client for this call only. */
  readonly client?: TClient;
}

/**
 * What `response()` and `call()` resolve to: the adapter's response; for a prompt with tools
 * its typed `toolCalls`, the calls that cannot be run, and the tool loop's `steps` (one without a
 * loop); for a prompt with an `output` schema, the validated `object` and the `outputMode` used.
 */
export type PromptResponse<
  TResponse extends CallResponse,
  TTools extends readonly AnyTool[],
  TOutput extends OutputDefinition | undefined = undefined,
> = [TOutput] extends [undefined]
  ? ToolsResponse<TResponse, TTools>
  : ToolsResponse<TResponse, TTools> & OutputResponseFields<OutputObject<TOutput>>;

/** The stream `stream()` returns: a {@link StructuredResponseStream} for a prompt with an `output` schema. */
export type PromptStream<
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TTools extends readonly AnyTool[],
  TOutput extends OutputDefinition | undefined = undefined,
> = [TOutput] extends [undefined]
  ? ResponseStream<StreamChunk<TChunk, TTools>, PromptResponse<TResponse, TTools>>
  : StructuredResponseStream<
      StreamChunk<TChunk, TTools>,
      ToolsResponse<TResponse, TTools> & OutputResponseFields<OutputObject<TOutput>>,
      OutputObject<TOutput>
    >;

/** The adapter's response with, for a prompt with tools, its calls and steps. */
export type ToolsResponse<
  TResponse extends CallResponse,
  TTools extends readonly AnyTool[],
> = TTools extends readonly []
  ? TResponse
  : TResponse &
      ToolCallsResponseFields<ToolCallOf<TTools>> & {
        /** Each request of the tool loop, in order; its usage is summed in `usage`. */
        readonly steps: ReadonlyArray<ToolStep<TTools>>;
      };

/** A prompt instance: its validated variables, its rendered messages, and how to send it. */
export interface PromptInstance<
  TVariables,
  TParams,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient,
  TTools extends readonly AnyTool[] = [],
  TOutput extends OutputDefinition | undefined = undefined,
> {
  /** The variables after validation (the schema's output). */
  readonly variables: Readonly<TVariables>;
  /** The rendered provider-neutral messages. Sends nothing. */
  messages(): Message[];
  /**
   * Streams the answer. `callParams` override the instance's and the definition's. The
   * request is sent when the stream is first read; invalid params throw a `CallParamsError` here.
   */
  stream(callParams?: TParams, options?: RequestOptions<TClient>): PromptStream<TChunk, TResponse, TTools, TOutput>;
  /** Sends the prompt without streaming (a tool loop streams its steps) and resolves to the whole response. */
  call(callParams?: TParams, options?: RequestOptions<TClient>): Promise<PromptResponse<TResponse, TTools, TOutput>>;
}

/** The constructor's arguments: variables are optional only when none are required. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is the empty variables object; "{} extends TInput" asks whether every variable is optional.
export type PromptConstructorArgs<TInput, TOptions> = {} extends TInput
  ? [variables?: TInput, options?: TOptions]
  : [variables: TInput, options?: TOptions];

/** A prompt class, as returned by a provider's prompt factory; extend it to name your prompt. */
export interface PromptClass<
  TInput,
  TOutput,
  TParams,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient,
  TTools extends readonly AnyTool[] = [],
  TOutputDefinition extends OutputDefinition | undefined = undefined,
> {
  new (
    ...args: PromptConstructorArgs<TInput, PromptOptions<TParams, TClient>>
  ): PromptInstance<TOutput, TParams, TChunk, TResponse, TClient, TTools, TOutputDefinition>;
  /** The template the class was defined with. */
  readonly template: string;
}

/** A provider's prompt factory, such as `OpenAIPrompt`. */
export type PromptFactory<TParams, TChunk extends ResponseChunk, TResponse extends CallResponse, TClient> = <
  const T extends string,
  S extends StandardSchemaV1 | undefined = undefined,
  const TTools extends readonly AnyTool[] = [],
  TOutput extends OutputDefinition | undefined = undefined,
>(
  definition: PromptDefinition<T, S, TParams, TClient, TTools, TOutput>,
) => PromptClass<VariablesInput<T, S>, VariablesOutput<T, S>, TParams, TChunk, TResponse, TClient, TTools, TOutput>;
