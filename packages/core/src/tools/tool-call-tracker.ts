/**
 * @module One stream's tool calls, for `ResponseStream`: collects the chunks' fragments, validates
 * each call as it completes, hands out the parts to yield, and adds the calls to the response.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { RawToolCall } from "../adapter/v1/raw-tool-call.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { ToolCallDelta } from "../adapter/v1/tool-call-delta.js";
import { IncrementalJsonParser, NOTHING } from "../output/incremental-json-parser.js";
import type { MessageToolCall, ProviderData } from "../prompt/message.js";
import type { AnyTool, ToolCall } from "./tool.js";
import { type CompletedToolCall, type PartialToolCall, ToolCallCollector } from "./tool-call-collector.js";
import {
  type ToolCallDeltaPart,
  type ToolCallErrorPart,
  type ToolCallPart,
  type ToolStep,
  toolStreamPart,
} from "./tool-stream-parts.js";
import { type CheckedToolCall, type InvalidToolCall, validateToolCall } from "./validate-tool-call.js";

/** The fields a prompt with tools adds to its responses. */
export interface ToolCallsResponseFields<TCall extends ToolCall = ToolCall> {
  /** The completed, valid calls, in order; empty when the model called none. */
  readonly toolCalls: readonly TCall[];
  /** Calls that cannot be run: an unknown tool, arguments not JSON or refused by the schema. */
  readonly invalidToolCalls: readonly InvalidToolCall[];
}

/** A response of a prompt with tools, outside a loop: the one step it is. */
type SingleStepResponse<TResponse> = TResponse & ToolCallsResponseFields & { readonly steps: readonly ToolStep[] };

type Part = ToolCallPart | ToolCallErrorPart | ToolCallDeltaPart;

/** A completed call being validated, with its place among the stream's calls. */
interface PendingCall {
  readonly index: number;
  readonly checked: CheckedToolCall | Promise<CheckedToolCall>;
}

/** A call's arguments as they stream, for its `tool-call-delta` parts. */
interface ArgsInProgress {
  id?: string | undefined;
  name?: string | undefined;
  readonly parser: IncrementalJsonParser;
}

/** Tracks the tool calls of one stream of a prompt with tools. */
export class ToolCallTracker {
  readonly #tools: ReadonlyMap<string, AnyTool>;
  readonly #collector = new ToolCallCollector();
  /** Parts waiting to be yielded: calls being validated, and fragments (with the `toolCallDeltas` option). */
  readonly #pending: Array<PendingCall | ToolCallDeltaPart> = [];
  /** With the `toolCallDeltas` option: each call's arguments, parsed as they stream; otherwise `undefined`. */
  readonly #argsParsers: ArgsInProgress[] | undefined;
  /** The calls handed out as parts, by their place among the stream's calls (parts come as calls complete). */
  readonly #checked: Array<{ readonly index: number; readonly checked: CheckedToolCall }> = [];

  /** @param deltas - also hand out a `tool-call-delta` part per fragment, with the arguments parsed so far. */
  constructor(tools: ReadonlyMap<string, AnyTool>, deltas: boolean | undefined = false) {
    this.#tools = tools;
    this.#argsParsers = deltas === true ? [] : undefined;
  }

  /** Takes a chunk's fragments; the calls it completed wait in line as parts. */
  onChunk(chunk: ResponseChunk): void {
    const deltas = chunk.toolCallDeltas;
    if (deltas === undefined) return;
    if (this.#argsParsers !== undefined) for (const delta of deltas) this.#deltaPart(delta, this.#argsParsers);
    const completed = this.#collector.add(deltas);
    if (completed !== undefined) for (const raw of completed) this.#validate(raw);
  }

  /**
   * The stream ended: the calls still open complete now, unless the model was cut off by its
   * token limit (`finishReason: "length"`): those are reported as incomplete, never run.
   */
  onEnd(finishReason: string | undefined): void {
    const cutOff = finishReason === "length";
    for (const raw of this.#collector.finish()) this.#validate(raw, cutOff);
  }

  /** Whether parts wait to be yielded. */
  get hasPendingParts(): boolean {
    return this.#pending.length > 0;
  }

  /** The next part to yield: synchronous unless a validator was asynchronous. */
  nextPart(): Part | Promise<Part> {
    const next = this.#pending.shift() as PendingCall | ToolCallDeltaPart;
    if ("kind" in next) return next;
    const { index, checked } = next;
    return checked instanceof Promise
      ? checked.then((settled) => this.#toPart(index, settled))
      : this.#toPart(index, checked);
  }

  /** Every call so far, complete or not, for a failure's `partialToolCalls`. */
  partialCalls(): PartialToolCall[] {
    return this.#collector.calls();
  }

  /** Every call so far, as raw calls, for the adapter's stream summary. */
  rawCalls(): RawToolCall[] {
    return this.#collector.calls().map(({ id, name, argsText }) => ({ id, name, argsText }));
  }

  /** The adapter's response with the calls: `toolCalls`, `invalidToolCalls`, and the message carrying them. */
  decorate<TResponse extends CallResponse>(response: TResponse): SingleStepResponse<TResponse> {
    // In the order the model made them, as the message must record them, whatever order they completed in.
    const inOrder = [...this.#checked].sort((a, b) => a.index - b.index).map(({ checked }) => checked);
    return withToolCalls(response, inOrder);
  }

  #deltaPart(delta: ToolCallDelta, parsers: ArgsInProgress[]): void {
    let call = parsers[delta.index];
    if (call === undefined) {
      call = { parser: new IncrementalJsonParser() };
      parsers[delta.index] = call;
    }
    call.id ??= delta.id;
    call.name ??= delta.name;
    if (delta.argsTextDelta === "") return;
    call.parser.push(delta.argsTextDelta);
    const snapshot = call.parser.snapshot();
    this.#pending.push(
      toolStreamPart({
        kind: "tool-call-delta" as const,
        index: delta.index,
        id: call.id,
        name: call.name,
        argsTextDelta: delta.argsTextDelta,
        partialArgs: snapshot === NOTHING ? undefined : snapshot,
      }),
    );
  }

  #validate(raw: CompletedToolCall, cutOff = false): void {
    this.#pending.push({ index: raw.index, checked: validateToolCall(raw, this.#tools, cutOff) });
  }

  #toPart(index: number, checked: CheckedToolCall): Part {
    this.#checked.push({ index, checked });
    return checked.valid
      ? toolStreamPart({ kind: "tool-call", toolCall: checked.call })
      : toolStreamPart({ kind: "tool-call-error", toolCall: checked.call });
  }
}

/** A non-streamed response's calls (`rawToolCalls`), validated and added as a stream's are. */
export async function withRawToolCalls<TResponse extends CallResponse>(
  response: TResponse,
  tools: ReadonlyMap<string, AnyTool>,
): Promise<SingleStepResponse<TResponse>> {
  const checked = await Promise.all((response.rawToolCalls ?? []).map((raw) => validateToolCall(raw, tools)));
  return withToolCalls(response, checked);
}

function withToolCalls<TResponse extends CallResponse>(
  response: TResponse,
  checked: readonly CheckedToolCall[],
): SingleStepResponse<TResponse> {
  const decorated = withCalls(response, checked);
  const { content, finishReason, usage, toolCalls, invalidToolCalls } = decorated;
  const step: ToolStep = { step: 0, content, finishReason, usage, toolCalls, invalidToolCalls, toolResults: [] };
  return { ...decorated, steps: [step] };
}

function withCalls<TResponse extends CallResponse>(
  response: TResponse,
  checked: readonly CheckedToolCall[],
): TResponse & ToolCallsResponseFields {
  const valid: ToolCall[] = [];
  const invalid: InvalidToolCall[] = [];
  for (const item of checked) {
    if (item.valid) valid.push(item.call);
    else invalid.push(item.call);
  }
  if (checked.length === 0) return { ...response, toolCalls: valid, invalidToolCalls: invalid };
  // The message keeps every call the model made, valid or not and in order: a history must answer each.
  // As the model wrote them (not the schema's output), so that the history says what it said.
  // What the adapter put on its message's calls for the provider (e.g. Gemini's thought signature) stays.
  const providerData = new Map<string, ProviderData>();
  for (const call of response.message.toolCalls ?? []) {
    if (call.providerData !== undefined) providerData.set(call.id, call.providerData);
  }
  const recorded: MessageToolCall[] = checked.map(({ call, written }) => {
    const data = providerData.get(call.id);
    return {
      id: call.id,
      name: call.name,
      args: written,
      argsText: call.argsText,
      ...(data === undefined ? {} : { providerData: data }),
    };
  });
  return {
    ...response,
    // OpenAI-compatible servers may say "stop" after tool calls: the turn still ends for them.
    finishReason: response.finishReason === "stop" ? "tool_calls" : response.finishReason,
    toolCalls: valid,
    invalidToolCalls: invalid,
    message: { ...response.message, toolCalls: recorded },
  };
}
