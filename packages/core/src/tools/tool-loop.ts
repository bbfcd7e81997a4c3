/**
 * @module The tool loop: stream a step, run its calls, send the results, stream the next step,
 * until the model answers without tools or `maxSteps` is reached. A prompt with an `output`
 * schema and `reask` also loops when its answer is not valid: the next step asks again, with the
 * issues. The loop is one stream: it is
 * the single candidate of an outer `ResponseStream`, whose consumer sees every step's chunks,
 * each call as it completes, each result, and the steps' boundaries.
 */
import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { OutputValidationError } from "../errors/output-validation-error.js";
import { StreamAbortedError } from "../errors/stream-aborted-error.js";
import { ToolExecutionError } from "../errors/tool-execution-error.js";
import type { PriceTable } from "../pricing/price-table.js";
import { type BilledResponse, costOfResponses } from "../pricing/with-cost.js";
import type { Message, ToolMessage } from "../prompt/message.js";
import type { ResponseStream } from "../stream/response-stream.js";
import type { StreamCandidate } from "../stream/response-stream-source.js";
import type { PromptTools } from "./prompt-tools.js";
import { runTool, type ToolRun } from "./run-tool.js";
import { sumUsage } from "./sum-usage.js";
import type { ToolCall } from "./tool.js";
import type { ToolCallsResponseFields } from "./tool-call-tracker.js";
import { isToolStreamPart, type ToolResultPart, type ToolStep, toolStreamPart } from "./tool-stream-parts.js";
import type { InvalidToolCall } from "./validate-tool-call.js";

type StepResponse<TResponse extends CallResponse> = TResponse & ToolCallsResponseFields;

/** What the loop needs from the prompt. */
export interface ToolLoopSetup<TResponse extends CallResponse> {
  readonly provider: string;
  readonly messages: readonly Message[];
  /** The prompt's tools; `undefined` for a loop that only asks again for a valid `output`. */
  readonly tools: PromptTools | undefined;
  readonly maxSteps: number;
  /** How many more times an answer the `output` schema refuses may be asked for again. */
  readonly reask: number;
  readonly toolErrors: "send" | "throw";
  /** A stream of one step (0 for the first): the prompt's request with these messages, aborted by `signal`. */
  readonly openStep: (messages: readonly Message[], signal: AbortSignal, step: number) => ToolLoopStep<TResponse>;
  /** Prices for the loop's `cost`: every request's, each at its own model's price. */
  readonly prices?: PriceTable | undefined;
}

/** A stream of one step of the loop: the prompt's stream with its tools, whose response carries the calls. */
export type ToolLoopStep<TResponse extends CallResponse> = ResponseStream<ResponseChunk, StepResponse<TResponse>>;

/**
 * The loop's response: the last step's, with every step, and the usage (and cost) summed over
 * every request that was answered: each step, and each answer the `output` schema refused.
 */
export type ToolLoopResponse<TResponse extends CallResponse> = StepResponse<TResponse> & {
  readonly steps: readonly ToolStep[];
};

interface LoopState<TResponse extends CallResponse> {
  readonly steps: ToolStep[];
  last: StepResponse<TResponse> | undefined;
  /** The responses of every answered request, refused answers included: what usage and cost sum. */
  readonly billed: BilledResponse[];
  text: string;
  /** Requests the steps before the current one sent, retries included. */
  earlierAttempts: number;
  current: { readonly attempts: number } | undefined;
}

/** The loop as one stream candidate: no retries or idle timeout of its own, each step has them. */
export function toolLoopCandidate<TResponse extends CallResponse>(
  setup: ToolLoopSetup<TResponse>,
): StreamCandidate<ResponseChunk, ToolLoopResponse<TResponse>> {
  // One loop per candidate: it has no retries, so it is opened once.
  const state: LoopState<TResponse> = {
    steps: [],
    last: undefined,
    billed: [],
    text: "",
    earlierAttempts: 0,
    current: undefined,
  };
  return {
    provider: setup.provider,
    maxRetries: 0,
    retryDelayMs: 0,
    idleTimeout: Number.POSITIVE_INFINITY,
    attempts: () => state.earlierAttempts + (state.current?.attempts ?? 0),
    open: async (signal): Promise<AdapterV1Stream<ResponseChunk, ToolLoopResponse<TResponse>>> => {
      return {
        chunks: runLoop(setup, signal, state),
        createResponse: (summary) => {
          if (state.last === undefined) {
            // Left before the first step ended: there is no response to give.
            throw new StreamAbortedError({ provider: setup.provider, partialText: summary.content });
          }
          const usage = sumUsage(state.billed.map((billed) => billed.usage));
          const { prices } = setup;
          const cost = prices === undefined ? {} : { cost: costOfResponses(state.billed, prices) };
          return { ...state.last, usage, ...cost, steps: state.steps };
        },
      };
    },
  };
}

async function* runLoop<TResponse extends CallResponse>(
  setup: ToolLoopSetup<TResponse>,
  signal: AbortSignal,
  state: LoopState<TResponse>,
): AsyncGenerator<ResponseChunk, void, undefined> {
  const byName = setup.tools?.byName ?? new Map();
  let messages = setup.messages;
  let reasks = setup.reask;
  for (let step = 0, toolStep = 0; ; step += 1) {
    yield toolStreamPart({ kind: "step-start", step });
    if (state.current !== undefined) state.earlierAttempts += state.current.attempts;
    const inner = setup.openStep(messages, signal, step);
    state.current = inner;
    const mayContinue = toolStep + 1 < setup.maxSteps;
    // A call runs as soon as it is complete, while the model may still be writing the next one.
    const running = new Map<string, Promise<ToolRun>>();
    let response: StepResponse<TResponse>;
    try {
      for await (const chunk of inner) {
        state.text += chunk.content;
        yield chunk;
        if (mayContinue && isToolStreamPart(chunk) && chunk.kind === "tool-call") {
          const tool = byName.get(chunk.toolCall.name);
          if (tool?.execute !== undefined) running.set(chunk.toolCall.id, runTool(tool, chunk.toolCall, signal));
        }
      }
      response = await inner.response();
    } catch (error) {
      // An answer the schema refused: asked for again, with what was wrong, while `reask` allows.
      if (!(error instanceof OutputValidationError) || error.response === undefined || reasks === 0) throw error;
      // The refused answer was billed: its usage counts.
      state.billed.push(error.response);
      reasks -= 1;
      messages = [...messages, error.response.message, { role: "user", content: reaskMessage(error) }];
      continue;
    }
    toolStep += 1;
    response = { ...response, toolCalls: response.toolCalls ?? [], invalidToolCalls: response.invalidToolCalls ?? [] };
    const called = response.toolCalls.length + response.invalidToolCalls.length > 0;
    const runnable = response.toolCalls.every((call) => byName.get(call.name)?.execute !== undefined);
    // A step cut off by the token limit is not answered: its calls are incomplete, and a new
    // request with the same limit would be cut off again.
    const goOn = mayContinue && called && runnable && response.finishReason !== "length";
    const results: ToolResultPart[] = [];
    const answers: ToolMessage[] = [];
    for (const call of inOrder(response)) {
      const run = running.get(call.id);
      // Invalid calls are answered only when the loop goes on: the model may then correct them.
      if (run === undefined && !(goOn && "error" in call)) continue;
      const { part, answer } = await resultOf(call, run, step, setup, state);
      results.push(part);
      answers.push(answer);
      yield part;
    }
    const record: ToolStep = {
      step,
      content: response.content,
      finishReason: response.finishReason,
      usage: response.usage,
      toolCalls: response.toolCalls,
      invalidToolCalls: response.invalidToolCalls,
      toolResults: results,
    };
    state.steps.push(record);
    state.billed.push(response);
    state.last = response;
    yield toolStreamPart({ kind: "step-finish", step: record });
    if (!goOn) return;
    messages = [...messages, response.message, ...answers];
  }
}

/** What the model is told when its structured answer was refused. */
function reaskMessage(error: OutputValidationError): string {
  return (
    `Your answer was not valid: ${error.message.replace(/^[^:]*: /, "")}\n` +
    "Answer again, with only the JSON that follows the schema."
  );
}

/** The step's calls, valid or not, in the order the model made them. */
function inOrder(response: ToolCallsResponseFields & CallResponse): Array<ToolCall | InvalidToolCall> {
  const byId = new Map<string, ToolCall | InvalidToolCall>();
  for (const call of [...response.toolCalls, ...response.invalidToolCalls]) byId.set(call.id, call);
  return (response.message.toolCalls ?? []).flatMap((call) => byId.get(call.id) ?? []);
}

/** A call's result part, and the tool message that sends it back. */
async function resultOf<TResponse extends CallResponse>(
  call: ToolCall | InvalidToolCall,
  run: Promise<ToolRun> | undefined,
  step: number,
  setup: ToolLoopSetup<TResponse>,
  state: LoopState<TResponse>,
): Promise<{ readonly part: ToolResultPart; readonly answer: ToolMessage }> {
  // The part the consumer sees and the message the model gets, for one outcome of the call.
  type Outcome = { readonly part: ToolResultPart; readonly answer: ToolMessage };
  const outcomeOf = (isError: boolean, result: unknown, content: ToolMessage["content"]): Outcome => ({
    // The part's `isError` and `result` agree by construction; its type ties them per tool, which one object cannot show.
    part: toolStreamPart({
      kind: "tool-result",
      step,
      toolName: call.name,
      toolCall: call,
      isError,
      result,
    }) as ToolResultPart,
    answer: { role: "tool", toolCallId: call.id, toolName: call.name, content, ...(isError ? { isError } : {}) },
  });
  if ("error" in call) return outcomeOf(true, call.error.message, call.error.message);
  const outcome = (await run) as ToolRun;
  if (outcome.ok) return outcomeOf(false, outcome.result, outcome.content);
  if (setup.toolErrors === "throw") {
    throw new ToolExecutionError({
      toolName: call.name,
      toolCallId: call.id,
      partialText: state.text,
      cause: outcome.error,
    });
  }
  return outcomeOf(true, outcome.message, outcome.message);
}
