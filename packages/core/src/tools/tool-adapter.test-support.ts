/**
 * What the tools' tests share: an in-memory adapter that supports tools, written against the
 * public AdapterV1 contract and scripted per request, and small helpers to write its scripts and
 * read what a stream yielded. Only the tools' tests import this module.
 *
 * Each `doStream` request plays the next script of `streams`, each `doCall` the next of `calls`.
 * Between two chunks the adapter waits a macrotask (unless `paced: false`) and, like a fetch body
 * read, rejects with the signal's reason once the request's signal is aborted. Every request is
 * recorded (messages, tools, params), and what the adapter does is written to `events`, where a
 * test's tools may write too, so that a test can tell what happened before what.
 */
import {
  type AdapterV1,
  type AdapterV1Request,
  type AssistantMessage,
  type CallParams,
  type CallResponse,
  type FinishReason,
  isToolStreamPart,
  type Message,
  type OutputMode,
  type OutputSpec,
  type RawToolCall,
  type ResponseChunk,
  type StreamSummary,
  type ToolCallDelta,
  type ToolSpec,
  type Usage,
} from "../index.js";
import { nextMacrotask, untilAborted } from "../test-support.js";

interface ToolParams extends CallParams {
  readonly user?: string | undefined;
}

/** A chunk as a script gives it: every field optional. */
interface ScriptedChunk {
  readonly content?: string;
  readonly reasoning?: string;
  readonly toolCallDeltas?: readonly ToolCallDelta[];
  readonly finishReason?: FinishReason;
  readonly rawFinishReason?: string;
  readonly usage?: Usage;
}

/** An item of a stream's script: a chunk, an error thrown there, or a wait that only an abort ends. */
export type ScriptItem = ScriptedChunk | { readonly fail: unknown } | { readonly hang: true };

/** One `doStream` request: its chunks, or an error `doStream` rejects with before any chunk. */
export type StreamScript = readonly ScriptItem[] | { readonly refuse: unknown };

/** One `doCall` request: the whole response, or an error it rejects with. */
export type CallScript =
  | {
      readonly content?: string;
      readonly rawToolCalls?: readonly RawToolCall[];
      readonly finishReason?: FinishReason;
      readonly usage?: Usage;
    }
  | { readonly refuse: unknown };

class ToolChunk implements ResponseChunk {
  readonly content: string;
  readonly finishReason: FinishReason | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  readonly toolCallDeltas: readonly ToolCallDelta[] | undefined;
  readonly reasoning: string;
  /** The adapter's own data beside the neutral fields: which request and chunk this is. */
  readonly source: string;

  constructor(source: string, fields: ScriptedChunk) {
    this.source = source;
    this.content = fields.content ?? "";
    this.reasoning = fields.reasoning ?? "";
    this.finishReason = fields.finishReason;
    this.rawFinishReason = fields.rawFinishReason ?? fields.finishReason;
    this.usage = fields.usage;
    this.toolCallDeltas = fields.toolCallDeltas;
  }
}

interface ToolResponse extends CallResponse {
  readonly requestNumber: number;
}

/** A request as the adapter received it. */
interface RecordedRequest {
  readonly kind: "stream" | "call";
  readonly messages: readonly Message[];
  readonly tools: readonly ToolSpec[] | undefined;
  readonly output: OutputSpec | undefined;
  readonly params: Readonly<ToolParams>;
  readonly signal: AbortSignal;
}

export interface ToolAdapter extends AdapterV1<ToolParams, ToolChunk, ToolResponse> {
  readonly requests: RecordedRequest[];
  /** What happened, in order: `stream N: chunk K`, `stream N: end`, `stream N: closed`; tests add theirs. */
  readonly events: string[];
}

export interface ToolAdapterOptions {
  readonly streams?: readonly StreamScript[];
  readonly calls?: readonly CallScript[];
  /** Declare `supportsTools` (default true). */
  readonly supportsTools?: boolean;
  /** Wait a macrotask before each chunk (default true). */
  readonly paced?: boolean;
  /** The structured-output modes to declare (none by default: `json` mode only). */
  readonly outputModes?: readonly OutputMode[];
  /** Fields added to every response's message, as an adapter that round-trips provider data would. */
  readonly messageExtras?: Partial<AssistantMessage>;
}

export function usage(inputTokens: number | undefined, outputTokens: number | undefined): Usage {
  const totalTokens = inputTokens === undefined || outputTokens === undefined ? undefined : inputTokens + outputTokens;
  return { inputTokens, outputTokens, totalTokens, cachedInputTokens: undefined, reasoningTokens: undefined };
}

/** The fragments of one call: its id and name on the first, its arguments cut into `pieces`. */
export function callDeltas(
  index: number,
  call: { readonly id: string; readonly name: string; readonly args: string },
  pieces = 1,
  done = false,
): ToolCallDelta[] {
  const size = Math.max(1, Math.ceil(call.args.length / pieces));
  const deltas: ToolCallDelta[] = [];
  for (let start = 0; start < call.args.length || deltas.length === 0; start += size) {
    const argsTextDelta = call.args.slice(start, start + size);
    deltas.push(
      deltas.length === 0 ? { index, id: call.id, name: call.name, argsTextDelta } : { index, argsTextDelta },
    );
  }
  if (done) deltas.push({ index, argsTextDelta: "", done: true });
  return deltas;
}

/** A step that calls tools: one chunk per fragment (each call's arguments in two), then a finish. */
export function callingStep(
  calls: ReadonlyArray<{ readonly id: string; readonly name: string; readonly args: string }>,
  options: { readonly text?: string; readonly usage?: Usage; readonly finishReason?: FinishReason } = {},
): ScriptItem[] {
  const items: ScriptItem[] = options.text === undefined ? [] : [{ content: options.text }];
  calls.forEach((call, index) => {
    for (const delta of callDeltas(index, call, 2)) items.push({ toolCallDeltas: [delta] });
  });
  items.push({ finishReason: options.finishReason ?? "tool_calls", usage: options.usage });
  return items;
}

/** A step that answers with text only. */
export function answerStep(text: string, stepUsage?: Usage): ScriptItem[] {
  return [{ content: text }, { finishReason: "stop", usage: stepUsage }];
}

/** What a stream yielded, one label each: `text:...`, `chunk`, `tool-call:<id>`, `step-start:0`, ... */
export async function labelsOf(stream: AsyncIterable<ResponseChunk>): Promise<string[]> {
  const labels: string[] = [];
  for await (const chunk of stream) labels.push(labelOf(chunk));
  return labels;
}

function labelOf(chunk: ResponseChunk): string {
  if (!isToolStreamPart(chunk)) return chunk.content === "" ? "chunk" : `text:${chunk.content}`;
  switch (chunk.kind) {
    case "step-start":
      return `step-start:${chunk.step}`;
    case "step-finish":
      return `step-finish:${chunk.step.step}`;
    case "tool-call-delta":
      return `tool-call-delta:${chunk.index}:${JSON.stringify(chunk.partialArgs)}`;
    default:
      return `${chunk.kind}:${chunk.toolCall.id}`;
  }
}

export function createToolAdapter(options: ToolAdapterOptions = {}): ToolAdapter {
  const requests: RecordedRequest[] = [];
  const events: string[] = [];
  const paced = options.paced ?? true;
  let streamed = 0;
  let called = 0;

  async function* chunks(name: string, items: readonly ScriptItem[], signal: AbortSignal) {
    try {
      let index = 0;
      for (const item of items) {
        if (paced) await nextMacrotask(signal);
        else signal.throwIfAborted();
        if ("fail" in item) throw item.fail;
        if ("hang" in item) await untilAborted(signal);
        else {
          events.push(`${name}: chunk ${index}`);
          yield new ToolChunk(`${name}/${index++}`, item);
        }
      }
      events.push(`${name}: end`);
    } finally {
      events.push(`${name}: closed`);
    }
  }

  const record = (kind: RecordedRequest["kind"], request: AdapterV1Request<ToolParams, never>): number => {
    const { messages, tools, output, params, signal } = request;
    requests.push({ kind, messages: structuredClone(messages), tools, output, params: { ...params }, signal });
    return requests.length;
  };
  const respond = (requestNumber: number, fields: StreamSummary): ToolResponse => ({
    ...fields,
    model: "tool-model-1",
    id: `response-${requestNumber}`,
    message: { role: "assistant", content: fields.content, ...options.messageExtras },
    requestNumber,
  });

  return {
    specificationVersion: "v1",
    provider: "memory",
    supportsTools: options.supportsTools ?? true,
    outputModes: options.outputModes,
    requests,
    events,
    async doCall(request) {
      const requestNumber = record("call", request);
      const script = options.calls?.[called++];
      if (script === undefined) throw new Error(`no script for doCall request ${called}`);
      if ("refuse" in script) throw script.refuse;
      const content = script.content ?? "";
      return {
        ...respond(requestNumber, {
          content,
          reasoning: "",
          finishReason: script.finishReason ?? "stop",
          rawFinishReason: script.finishReason ?? "stop",
          usage: script.usage,
        }),
        rawToolCalls: script.rawToolCalls,
      };
    },
    async doStream(request) {
      const requestNumber = record("stream", request);
      const name = `stream ${streamed}`;
      const script = options.streams?.[streamed++];
      if (script === undefined) throw new Error(`no script for doStream request ${streamed}`);
      if ("refuse" in script) throw script.refuse;
      return {
        chunks: chunks(name, script, request.signal),
        createResponse: (summary: StreamSummary) => respond(requestNumber, summary),
      };
    },
  };
}
