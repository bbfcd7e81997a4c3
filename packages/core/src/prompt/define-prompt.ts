import type { AdapterV1 } from "../adapter/v1/adapter-v1.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { PromptTemplateError } from "../errors/prompt-template-error.js";
import { mergeCallParams } from "../params/merge-call-params.js";
import {
  applyUnsupportedParamsPolicy,
  droppedParamWarning,
  type ParamPolicyOptions,
} from "../params/unsupported-params-policy.js";
import { validateCallParams } from "../params/validate-call-params.js";
import { callWithRetries } from "../reliability/call-with-retries.js";
import { type ReliabilityOptions, resolveReliability } from "../reliability/reliability-options.js";
import { ResponseStream } from "../stream/response-stream.js";
import type { VariablesInput, VariablesOutput } from "./infer-variables.js";
import type { Message } from "./message.js";
import { type ParsedTemplate, parseTemplate } from "./parse-template.js";
import { type PromptCandidates, promptCandidates } from "./prompt-candidates.js";
import { renderMessages } from "./render-messages.js";
import type { StandardSchemaV1 } from "./standard-schema.js";
import { validateVariables } from "./validate-variables.js";

/** What a prompt class is defined with. Its reliability options (retries, timeouts, signal) apply to every call. */
export interface PromptDefinition<T extends string, S, TParams, TClient>
  extends ReliabilityOptions,
    ParamPolicyOptions {
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
}

/** Options given when constructing a prompt: they apply to each of its calls, over the definition's. */
export interface PromptOptions<TParams, TClient> extends ReliabilityOptions, ParamPolicyOptions {
  /** Call params that override the definition's. */
  readonly callParams?: TParams;
  /** A client that overrides the definition's. */
  readonly client?: TClient;
}

/** Options of one `stream()` or `call()`, over the instance's and the definition's. */
export interface RequestOptions<TClient> extends ReliabilityOptions, ParamPolicyOptions {
  /** A client for this call only. */
  readonly client?: TClient;
}

/** A prompt instance: its validated variables, its rendered messages, and how to send it. */
export interface PromptInstance<
  TVariables,
  TParams,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient,
> {
  /** The variables after validation (the schema's output). */
  readonly variables: Readonly<TVariables>;
  /** The rendered provider-neutral messages. Sends nothing. */
  messages(): Message[];
  /**
   * Streams the answer. `callParams` override the instance's and the definition's. The
   * request is sent when the stream is first read; invalid params throw a `CallParamsError` here.
   */
  stream(callParams?: TParams, options?: RequestOptions<TClient>): ResponseStream<TChunk, TResponse>;
  /** Sends the prompt without streaming and resolves to the whole response. */
  call(callParams?: TParams, options?: RequestOptions<TClient>): Promise<TResponse>;
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
> {
  new (
    ...args: PromptConstructorArgs<TInput, PromptOptions<TParams, TClient>>
  ): PromptInstance<TOutput, TParams, TChunk, TResponse, TClient>;
  /** The template the class was defined with. */
  readonly template: string;
}

/** A provider's prompt factory, such as `OpenAIPrompt`. */
export type PromptFactory<TParams, TChunk extends ResponseChunk, TResponse extends CallResponse, TClient> = <
  const T extends string,
  S extends StandardSchemaV1 | undefined = undefined,
>(
  definition: PromptDefinition<T, S, TParams, TClient>,
) => PromptClass<VariablesInput<T, S>, VariablesOutput<T, S>, TParams, TChunk, TResponse, TClient>;

/**
 * Turns an adapter into its provider's prompt factory. The factory's classes render their
 * template, validate their variables, merge call params (definition < instance < call) and
 * hand provider-neutral requests to the adapter.
 *
 * @example
 * export const OpenAIPrompt = definePrompt(openaiAdapter);
 */
export function definePrompt<
  TParams extends object,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient = never,
>(adapter: AdapterV1<TParams, TChunk, TResponse, TClient>): PromptFactory<TParams, TChunk, TResponse, TClient> {
  checkAdapter(adapter);
  return <T extends string, S extends StandardSchemaV1 | undefined>(
    definition: PromptDefinition<T, S, TParams, TClient>,
  ) => {
    const definitionName = `${adapter.provider} prompt definition`;
    const template = parseTemplate(definition.template, definitionName);
    const schema = definition.variables;
    if (schema !== undefined) checkSchemaDeclares(schema, template, definitionName);
    // One warning per prompt class and param, not one per call: a chat app sends many.
    const warnedParams = new Set<string>();

    class DefinedPrompt {
      static readonly template: string = definition.template;
      readonly variables: Readonly<Record<string, unknown>>;
      readonly #messages: readonly Message[];
      readonly #options: PromptOptions<TParams, TClient>;

      constructor(variables?: unknown, options: PromptOptions<TParams, TClient> = {}) {
        const promptName = new.target.name || "Prompt";
        this.variables = validateVariables(variables, template, schema, promptName);
        this.#messages = renderMessages(template, this.variables, promptName);
        this.#options = options;
      }

      messages(): Message[] {
        return this.#messages.map((message) => ({ ...message }));
      }

      stream(callParams?: TParams, options: RequestOptions<TClient> = {}): ResponseStream<TChunk, TResponse> {
        const { stream, policy } = this[promptCandidates](callParams, options);
        return new ResponseStream({ candidates: [stream], signals: policy.signals, timeout: policy.timeout });
      }

      async call(callParams?: TParams, options: RequestOptions<TClient> = {}): Promise<TResponse> {
        const { call, policy } = this[promptCandidates](callParams, options);
        return (await callWithRetries([call], policy.signals, policy.timeout)).response;
      }

      /** How this prompt answers a stream or a call, for `stream()`, `call()` and `fallback()`. */
      [promptCandidates](
        callParams: TParams | undefined,
        options: RequestOptions<TClient>,
      ): PromptCandidates<TChunk, TResponse> {
        const request = this.#request(callParams, options);
        const policy = resolveReliability(definition, this.#options, options);
        const retry = { provider: adapter.provider, maxRetries: policy.maxRetries, retryDelayMs: policy.retryDelayMs };
        return {
          policy,
          stream: {
            ...retry,
            idleTimeout: policy.idleTimeout,
            open: (signal) => adapter.doStream({ ...request, signal }),
          },
          call: { ...retry, call: (signal) => adapter.doCall({ ...request, signal }) },
        };
      }

      /** The adapter's request, with params merged and checked: a bad param throws before anything is sent. */
      #request(callParams: TParams | undefined, options: RequestOptions<TClient>) {
        const merged = mergeCallParams<TParams>(definition.callParams, this.#options.callParams, callParams) as TParams;
        validateCallParams(merged);
        const policy = options.unsupportedParams ?? this.#options.unsupportedParams ?? definition.unsupportedParams;
        const logger = options.logger ?? this.#options.logger ?? definition.logger ?? console;
        const promptName = this.constructor.name || "Prompt";
        const params = applyUnsupportedParamsPolicy(
          merged,
          adapter.validateParams === undefined ? undefined : (checked) => adapter.validateParams?.(checked),
          policy ?? "error",
          (refusal) => {
            const key = `${refusal.provider}:${refusal.param}`;
            if (warnedParams.has(key)) return;
            warnedParams.add(key);
            logger.warn(droppedParamWarning(refusal, promptName));
          },
        );
        return {
          messages: this.#messages,
          params,
          client: options.client ?? this.#options.client ?? definition.client,
        };
      }
    }
    return DefinedPrompt as unknown as PromptClass<
      VariablesInput<T, S>,
      VariablesOutput<T, S>,
      TParams,
      TChunk,
      TResponse,
      TClient
    >;
  };
}

/**
 * Fails at once, with what to do, on an object that is not a v1 adapter: e.g. an adapter built
 * for a later contract version than this core knows, or a plain JavaScript typo.
 */
function checkAdapter(adapter: AdapterV1<object, ResponseChunk, CallResponse, unknown>): void {
  const candidate = adapter as Partial<typeof adapter> | null | undefined;
  const version = candidate?.specificationVersion as string | undefined;
  if (version !== "v1") {
    throw new TypeError(
      `definePrompt() needs an adapter with specificationVersion "v1"; got ${JSON.stringify(version)}. ` +
        "An adapter written for a newer contract needs a newer @promptstream/core.",
    );
  }
  for (const method of ["doStream", "doCall"] as const) {
    if (typeof candidate?.[method] !== "function") {
      throw new TypeError(
        `definePrompt(): the "${String(candidate?.provider)}" adapter has no ${method}() method; an AdapterV1 needs doStream and doCall.`,
      );
    }
  }
  if (typeof candidate?.provider !== "string" || candidate.provider === "") {
    throw new TypeError('definePrompt(): the adapter needs a `provider` id, such as "openai", used in errors.');
  }
}

/**
 * Fails at definition, rather than at the first construction, when the schema lists its keys
 * (zod's `shape`, valibot's `entries`) and a placeholder is not among them.
 */
function checkSchemaDeclares(schema: StandardSchemaV1, template: ParsedTemplate, promptName: string): void {
  const { shape, entries } = schema as { shape?: unknown; entries?: unknown };
  const keys = shape ?? entries;
  if (typeof keys !== "object" || keys === null) return;
  for (const name of template.variables) {
    if (name in keys) continue;
    throw new PromptTemplateError(
      `${promptName}: the template uses {${name}} but the variables schema does not declare "${name}". Add it to the schema.`,
      { code: "undeclared_variable", promptName, variable: name },
    );
  }
}
