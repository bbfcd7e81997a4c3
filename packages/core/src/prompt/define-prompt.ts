/**
 * @module `definePrompt`: turns an adapter into its provider's prompt factory.
 */
import type { AdapterV1 } from "../adapter/v1/adapter-v1.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { OutputMode } from "../adapter/v1/output-spec.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { prepareMessageContent } from "../content/prepare-message-content.js";
import { CallParamsError } from "../errors/call-params-error.js";
import { PromptstreamError } from "../errors/promptstream-error.js";
import type { CallContext } from "../middleware/middleware.js";
import { type CallMiddleware, middlewareFor, sendThrough } from "../middleware/prompt-middleware.js";
import { newCallContext, observeCall } from "../middleware/run-middleware.js";
import { withJsonInstructions } from "../output/json-instructions.js";
import type { OutputDefinition } from "../output/output-schema.js";
import { type OutputResponseFields, OutputTracker } from "../output/output-tracker.js";
import { chooseOutputMode, outputSpec, prepareOutput } from "../output/prepare-output.js";
import { StructuredResponseStream } from "../output/structured-response-stream.js";
import type { CallParams } from "../params/call-params.js";
import { mergeCallParams } from "../params/merge-call-params.js";
import { applyUnsupportedParamsPolicy, droppedParamWarning } from "../params/unsupported-params-policy.js";
import { refuseUnsupportedParam, validateCallParams } from "../params/validate-call-params.js";
import { pricesFor } from "../pricing/price-table.js";
import { withCost } from "../pricing/with-cost.js";
import { callWithRetries } from "../reliability/call-with-retries.js";
import { resolveReliability } from "../reliability/reliability-options.js";
import { ResponseStream } from "../stream/response-stream.js";
import type { ResponseStreamSource } from "../stream/response-stream-source.js";
import { checkToolUse, preparePromptTools } from "../tools/prompt-tools.js";
import type { AnyTool } from "../tools/tool.js";
import { withRawToolCalls } from "../tools/tool-call-tracker.js";
import { type ToolLoopStep, toolLoopCandidate } from "../tools/tool-loop.js";
import { checkAdapter, checkSchemaDeclares } from "./check-definition.js";
import { copyMessage, type Message } from "./message.js";
import { parseTemplate } from "./parse-template.js";
import { type PromptCandidates, promptCandidates } from "./prompt-candidates.js";
import type { PromptDefinition, PromptFactory, PromptOptions, RequestOptions } from "./prompt-types.js";
import { renderMessages } from "./render-messages.js";
import type { StandardSchemaV1 } from "./standard-schema.js";
import { validateVariables } from "./validate-variables.js";

/** The messages of one request, and which step of the tool loop it is (0 outside a loop). */
interface LoopTurn {
  readonly messages: readonly Message[];
  readonly step: number;
}

/**
 * The params of a tool loop's later steps: a forced `toolChoice` ("required", or one tool) applies
 * to the first step only, or every step would have to call a tool and the loop could never end.
 */
function laterStepParams<TParams extends object>(params: TParams, step: number): TParams {
  const choice = (params as CallParams).toolChoice;
  if (step === 0 || choice === undefined || choice === "auto" || choice === "none") return params;
  const { toolChoice: _forced, ...rest } = params as CallParams;
  return rest as TParams;
}

/** A stream of any prompt, as the class below builds it before PromptInstance types it. */
type AnyResponseStream = ResponseStream<ResponseChunk, CallResponse>;

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
  const factory = <
    T extends string,
    S extends StandardSchemaV1 | undefined,
    TTools extends readonly AnyTool[],
    TOutput extends OutputDefinition | undefined,
  >(
    definition: PromptDefinition<T, S, TParams, TClient, TTools, TOutput>,
  ) => {
    const definitionName = `${adapter.provider} prompt definition`;
    const template = parseTemplate(definition.template, definitionName);
    const schema = definition.variables;
    if (schema !== undefined) checkSchemaDeclares(schema, template, definitionName);
    const tools = preparePromptTools(definition.tools);
    const output = prepareOutput(definition.output);
    /** A stream of this prompt: a structured one, with its own parser, for a prompt with an `output`. */
    const streamOf = (
      source: ResponseStreamSource<ResponseChunk, CallResponse>,
      mode: OutputMode | undefined,
      loopStep = false,
    ) =>
      output === undefined || mode === undefined
        ? new ResponseStream(source)
        : new StructuredResponseStream({
            // The tracker's `finish` adds the object: the responses it settles have it.
            ...(source as ResponseStreamSource<ResponseChunk, CallResponse & OutputResponseFields<unknown>>),
            observer: new OutputTracker(output, mode, adapter.provider, loopStep),
          });
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
        return this.#messages.map(copyMessage);
      }

      // The stream's own types (its chunks, its response with tool calls) are given by PromptInstance.
      stream(callParams?: TParams, options: RequestOptions<TClient> = {}): AnyResponseStream {
        const watched = this.#watch("stream", callParams, options);
        const candidates = this[promptCandidates](callParams, options, undefined, watched?.callMiddleware ?? null);
        const { policy } = candidates;
        const monitor = watched?.monitor;
        const maxSteps = tools === undefined ? 1 : this.#maxSteps(options);
        const mode = this.#outputMode(options);
        const reask = output?.reask ?? 0;
        const toolCallDeltas = options.toolCallDeltas ?? this.#options.toolCallDeltas ?? definition.toolCallDeltas;
        const { prices } = candidates;
        if (maxSteps === 1 && reask === 0) {
          const source = {
            candidates: [candidates.stream],
            signals: policy.signals,
            timeout: policy.timeout,
            monitor,
            prices,
          };
          return streamOf({ ...source, tools: tools?.byName, toolCallDeltas }, mode) as unknown as AnyResponseStream;
        }
        const loop = toolLoopCandidate({
          provider: adapter.provider,
          messages: this.#messages,
          tools,
          maxSteps,
          reask,
          toolErrors: options.toolErrors ?? this.#options.toolErrors ?? definition.toolErrors ?? "send",
          prices,
          // Each step has the prompt's retries and idle timeout; the loop has its whole-call timeout.
          // A stream given `tools` yields parts and adds the calls to its response, which its type
          // (the adapter's) cannot say: the loop's own type for a step says it.
          openStep: (messages, signal, step) =>
            streamOf(
              {
                candidates: [
                  this[promptCandidates](callParams, options, { messages, step }, watched?.callMiddleware ?? null)
                    .stream,
                ],
                signals: [signal],
                tools: tools?.byName,
                toolCallDeltas,
              },
              mode,
              true,
            ) as unknown as ToolLoopStep<TResponse>,
        });
        const source = { candidates: [loop], signals: policy.signals, timeout: policy.timeout, monitor };
        return streamOf(
          source as ResponseStreamSource<ResponseChunk, CallResponse>,
          mode,
        ) as unknown as AnyResponseStream;
      }

      async call(callParams?: TParams, options: RequestOptions<TClient> = {}): Promise<CallResponse> {
        // A tool loop, or an answer that may be asked for again, streams its steps; call() gives its final response.
        const looped = (tools !== undefined && this.#maxSteps(options) > 1) || (output?.reask ?? 0) > 0;
        if (looped) return this.stream(callParams, options).response();
        const watched = this.#watch("call", callParams, options);
        const { call, policy } = this[promptCandidates](
          callParams,
          options,
          undefined,
          watched?.callMiddleware ?? null,
        );
        const prices = pricesFor(options, this.#options, definition);
        try {
          const { response } = await callWithRetries([call], policy.signals, policy.timeout);
          const withCalls = tools === undefined ? response : await withRawToolCalls(response, tools.byName);
          const mode = this.#outputMode(options);
          const final = withCost(
            output === undefined || mode === undefined
              ? withCalls
              : await new OutputTracker(output, mode, adapter.provider).finishText(withCalls),
            prices,
          );
          watched?.monitor?.onFinish(final);
          return final;
        } catch (error) {
          if (PromptstreamError.isInstance(error)) watched?.monitor?.onError(error);
          throw error;
        }
      }

      /**
       * The middleware of a call and their observers: the call's context, made before anything is
       * sent; `undefined` when no middleware applies (nothing to do per chunk, nothing allocated).
       */
      #watch(
        kind: CallContext["kind"],
        callParams: TParams | undefined,
        options: RequestOptions<TClient>,
        observe = true,
      ) {
        const middleware = middlewareFor(adapter.provider, definition, this.#options, options);
        if (middleware.length === 0) return undefined;
        const call = newCallContext({
          kind,
          provider: adapter.provider,
          promptName: this.constructor.name || "Prompt",
          messages: this.#messages,
          params: mergeCallParams<TParams>(definition.callParams, this.#options.callParams, callParams),
          toolNames: tools === undefined ? [] : [...tools.byName.keys()],
        });
        const logger = options.logger ?? this.#options.logger ?? definition.logger ?? console;
        return {
          callMiddleware: { middleware, call },
          monitor: observe ? observeCall(middleware, call, logger) : undefined,
        };
      }

      /** The structured output's mode for this call; `undefined` without an `output`. */
      #outputMode(options: RequestOptions<TClient>): OutputMode | undefined {
        if (output === undefined) return undefined;
        return chooseOutputMode(output, options.outputMode ?? this.#options.outputMode, adapter);
      }

      /** How many requests the tool loop may send: a whole number of 1 or more, 1 by default. */
      #maxSteps(options: RequestOptions<TClient>): number {
        const maxSteps = options.maxSteps ?? this.#options.maxSteps ?? definition.maxSteps ?? 1;
        if (!Number.isInteger(maxSteps) || maxSteps < 1) {
          throw new CallParamsError(`\`maxSteps\` must be a whole number of 1 or more; got ${String(maxSteps)}.`, {
            code: "invalid_param",
            param: "maxSteps",
          });
        }
        return maxSteps;
      }

      /** How this prompt answers a stream or a call, for `stream()`, `call()` and `fallback()`. */
      [promptCandidates](
        callParams: TParams | undefined,
        options: RequestOptions<TClient>,
        turn: LoopTurn = { messages: this.#messages, step: 0 },
        // Given by stream() and call(); made here for fallback(), whose middleware wrap its requests only:
        // their onCall is not asked, since no stream of this prompt would tell its observers how it ended.
        // `null`: the caller found no middleware, so they are not looked up again.
        callMiddleware: CallMiddleware | null | undefined = this.#watch(
          "stream",
          callParams,
          options,
          false,
        )?.callMiddleware,
      ): PromptCandidates<TChunk, TResponse> {
        const request = this.#request(callParams, options, turn);
        const policy = resolveReliability(definition, this.#options, options);
        const retry = { provider: adapter.provider, maxRetries: policy.maxRetries, retryDelayMs: policy.retryDelayMs };
        const send =
          callMiddleware == null
            ? {
                stream: (signal: AbortSignal) => adapter.doStream({ ...request, signal }),
                call: (signal: AbortSignal) => adapter.doCall({ ...request, signal }),
              }
            : sendThrough(adapter, request, turn.step, callMiddleware);
        return {
          policy,
          hasTools: tools !== undefined,
          hasOutput: output !== undefined,
          stream: { ...retry, idleTimeout: policy.idleTimeout, open: send.stream },
          call: { ...retry, call: send.call },
          prices: pricesFor(options, this.#options, definition),
        };
      }

      /** The adapter's request, with params merged and checked: a bad param throws before anything is sent. */
      #request(callParams: TParams | undefined, options: RequestOptions<TClient>, { messages, step }: LoopTurn) {
        const merged = laterStepParams(
          mergeCallParams<TParams>(definition.callParams, this.#options.callParams, callParams) as TParams,
          step,
        );
        validateCallParams(merged);
        checkToolUse(adapter, tools, merged, messages);
        const mode = this.#outputMode(options);
        if (mode === "tool" && tools !== undefined) {
          throw new CallParamsError(
            'An `output` in "tool" mode cannot be combined with `tools`: the model is made to call the output tool. ' +
              'Use "json_schema" or "json" mode with tools.',
            { code: "unsupported_param", param: "outputMode", provider: adapter.provider },
          );
        }
        const spec = output === undefined || mode === undefined ? undefined : outputSpec(output, mode);
        const policy = options.unsupportedParams ?? this.#options.unsupportedParams ?? definition.unsupportedParams;
        const logger = options.logger ?? this.#options.logger ?? definition.logger ?? console;
        const promptName = this.constructor.name || "Prompt";
        const params = applyUnsupportedParamsPolicy(
          merged,
          (checked) => {
            if (!adapter.supportsReasoning) refuseReasoning(adapter.provider, checked);
            adapter.validateParams?.(checked, { tools: tools?.specs, output: spec });
          },
          policy ?? "error",
          (refusal) => {
            const key = `${refusal.provider}:${refusal.param}`;
            if (warnedParams.has(key)) return;
            warnedParams.add(key);
            logger.warn(droppedParamWarning(refusal, promptName));
          },
        );
        const instructed = output !== undefined && mode === "json" ? withJsonInstructions(messages, output) : messages;
        return {
          messages: prepareMessageContent(instructed, adapter.mediaInput, adapter.provider),
          params,
          client: options.client ?? this.#options.client ?? definition.client,
          ...(tools === undefined ? {} : { tools: tools.specs }),
          ...(spec === undefined ? {} : { output: spec }),
        };
      }
    }
    return DefinedPrompt;
  };
  // The class's members are typed by PromptClass: TypeScript cannot follow them through a class expression.
  return factory as unknown as PromptFactory<TParams, TChunk, TResponse, TClient>;
}

function refuseReasoning(provider: string, params: object): void {
  refuseUnsupportedParam(
    provider,
    "reasoning",
    (params as { readonly reasoning?: unknown }).reasoning,
    "this adapter does not map the neutral `reasoning` param (it does not declare `supportsReasoning`).",
  );
}
