/**
 * What the ResponseStream tests share: a small in-memory adapter, written against the public
 * AdapterV1 contract, the prompt class over it and the script most tests stream, and
 * `collectText`, which reads a stream with `for await`. Only those tests import this module.
 *
 * Between two chunks the adapter waits a macrotask and, like a fetch body read, rejects with the
 * signal's reason once the request's signal is aborted. `buffered: true` makes it yield without
 * waiting or looking at the signal, as an SDK does with events it already decoded from one
 * network read.
 */
import {
  type AdapterV1,
  type AdapterV1Request,
  type CallParams,
  type CallResponse,
  definePrompt,
  type FinishReason,
  type ResponseChunk,
  type StreamSummary,
  type Usage,
} from "../index.js";
import { nextMacrotask, untilAborted } from "../test-support.js";

interface MemoryParams extends CallParams {
  readonly user?: string | undefined;
}

export class MemoryChunk implements ResponseChunk {
  readonly content: string;
  readonly finishReason: FinishReason | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  /** Set only when the script gives one: a chunk without it is what a v1 adapter written before reasoning sends. */
  readonly reasoning?: string;
  /** Where this chunk came in its stream: the adapter's own data beside the neutral fields. */
  readonly index: number;

  constructor(index: number, fields: Partial<ResponseChunk>) {
    this.index = index;
    this.content = fields.content ?? "";
    if (fields.reasoning !== undefined) this.reasoning = fields.reasoning;
    this.finishReason = fields.finishReason;
    this.rawFinishReason = fields.rawFinishReason;
    this.usage = fields.usage;
  }
}

interface MemoryResponse extends CallResponse {
  readonly requestNumber: number;
}

/** A step of a scripted stream: a chunk, an error thrown there, or a wait that only an abort ends. */
type Step = string | Partial<ResponseChunk> | { readonly fail: unknown } | { readonly hang: true };

export interface MemoryAdapter extends AdapterV1<MemoryParams, MemoryChunk, MemoryResponse, string> {
  readonly requests: Array<AdapterV1Request<MemoryParams, string>>;
  /** How many chunk generators ran their `finally` block. */
  readonly closedStreams: () => number;
}

export const usage: Usage = {
  inputTokens: 7,
  outputTokens: 3,
  totalTokens: 10,
  cachedInputTokens: undefined,
  reasoningTokens: undefined,
};

export function createMemoryAdapter(
  script: readonly Step[] | ((request: AdapterV1Request<MemoryParams, string>) => readonly Step[]),
  options: { readonly buffered?: boolean } = {},
): MemoryAdapter {
  const requests: Array<AdapterV1Request<MemoryParams, string>> = [];
  let closed = 0;

  async function* chunks(steps: readonly Step[], signal: AbortSignal): AsyncGenerator<MemoryChunk, void, undefined> {
    try {
      let index = 0;
      for (const step of steps) {
        if (options.buffered !== true) await nextMacrotask(signal);
        if (typeof step === "object" && "fail" in step) throw step.fail;
        if (typeof step === "object" && "hang" in step) await untilAborted(signal);
        else yield new MemoryChunk(index++, typeof step === "string" ? { content: step } : step);
      }
    } finally {
      closed += 1;
    }
  }

  return {
    specificationVersion: "v1",
    provider: "memory",
    requests,
    closedStreams: () => closed,
    async doCall() {
      throw new Error("doCall is not used by these tests");
    },
    async doStream(request) {
      requests.push(request);
      const requestNumber = requests.length;
      const steps = typeof script === "function" ? script(request) : script;
      return {
        chunks: chunks(steps, request.signal),
        createResponse: (summary: StreamSummary): MemoryResponse => ({
          ...summary,
          model: "memory-1",
          id: `response-${requestNumber}`,
          message: { role: "assistant", content: summary.content },
          requestNumber,
        }),
      };
    },
  };
}

export function promptFor(adapter: MemoryAdapter) {
  const MemoryPrompt = definePrompt(adapter);
  class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
  return RecipeRecommender;
}

export const helloScript: readonly Step[] = [
  "Hel",
  "lo",
  "",
  { content: "!", finishReason: "stop", rawFinishReason: "end_turn" },
  { content: "", usage },
];

export async function collectText(stream: AsyncIterable<ResponseChunk>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.content;
  return text;
}
