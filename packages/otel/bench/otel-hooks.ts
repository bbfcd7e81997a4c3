/**
 * The work `otelMiddleware` itself does for a call, without the network: its hooks driven directly
 * (`onCall`, `wrapStream` around an in-memory stream, `onChunk` per chunk, `onFinish`), against the
 * same chunks read without it. Steadier than the end-to-end figure of `otel-overhead.ts` on a busy
 * machine, but blind to what the end-to-end figure also counts: core's per-chunk observer calls, and
 * the adapter's synchronous fast path that a wrapped stream gives up.
 *
 *   node --expose-gc --import tsx bench/otel-hooks.ts [--quick]
 */
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { CallContext, CallResponse, Middleware, MiddlewareRequest, ResponseChunk } from "@promptstream/core";
import { otelMiddleware } from "../src/index.js";

const quick = process.argv.includes("--quick");
const BLOCKS = quick ? 3 : 30;
const CALLS_PER_BLOCK = quick ? 100 : 1000;
const LENGTHS = [10, 300] as const;

const dropping: SpanExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropping)] });
const variants: Record<string, Middleware | undefined> = {
  plain: undefined,
  "otel, no SDK": otelMiddleware(),
  "otel + SDK": otelMiddleware({ tracerProvider }),
};

const chunk = (content: string): ResponseChunk => ({
  content,
  finishReason: undefined,
  rawFinishReason: undefined,
  usage: undefined,
});
const usage = { inputTokens: 12, outputTokens: 300, totalTokens: 312, cachedInputTokens: 0, reasoningTokens: 0 };
const response: CallResponse = {
  content: "...",
  finishReason: "stop",
  rawFinishReason: "stop",
  usage,
  model: "gpt-4o-mini",
  id: "chatcmpl-1",
  message: { role: "assistant", content: "..." },
};

/** An adapter's stream of `length` chunks, each `next()` a resolved promise as a buffered SSE reader gives. */
function chunksOf(length: number): AsyncIterable<ResponseChunk> {
  const pieces = Array.from({ length }, (_, index) => chunk(`w${index} `));
  return {
    [Symbol.asyncIterator]: () => {
      let at = 0;
      return {
        next: () => Promise.resolve(at < pieces.length ? { done: false, value: pieces[at++] as ResponseChunk } : DONE),
      };
    },
  };
}
const DONE = { done: true, value: undefined } as const;

async function oneCall(middleware: Middleware | undefined, length: number): Promise<void> {
  const data = new Map<unknown, unknown>();
  const call: CallContext = {
    ...{ id: "call_1", kind: "stream", provider: "openai", promptName: "Recipe", toolNames: [], data },
    messages: [{ role: "user", content: "A recipe with apples" }],
    params: { model: "gpt-4o-mini", maxTokens: 400, temperature: 0.3 },
    startedAt: performance.now(),
  };
  const adapterStream = { chunks: chunksOf(length), createResponse: () => response };
  if (middleware === undefined) {
    for await (const _chunk of adapterStream.chunks);
    adapterStream.createResponse();
    return;
  }
  const observer = middleware.onCall?.(call);
  const request = { messages: call.messages, params: call.params, signal: new AbortController().signal, call };
  const stream = await (middleware.wrapStream as NonNullable<Middleware["wrapStream"]>)(
    { ...request, client: undefined, step: 0, attempt: 1 } as unknown as MiddlewareRequest,
    async () => adapterStream,
  );
  for await (const piece of stream.chunks) observer?.onChunk?.(piece, performance.now() - call.startedAt);
  observer?.onFinish?.(
    stream.createResponse({ content: "", reasoning: "", finishReason: "stop", rawFinishReason: "stop", usage }),
  );
}

async function block(middleware: Middleware | undefined, length: number): Promise<number> {
  const before = process.cpuUsage();
  for (let index = 0; index < CALLS_PER_BLOCK; index += 1) await oneCall(middleware, length);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CALLS_PER_BLOCK; // µs per call
}

const names = Object.keys(variants);
console.log(
  `node ${process.version}, ${BLOCKS} blocks of ${CALLS_PER_BLOCK} calls; CPU per call (median over blocks):\n`,
);
console.log(`| chunks per call | ${names.join(" | ")} |`);
console.log(`| --- | ${names.map(() => "---").join(" | ")} |`);
const costs = new Map<string, number[]>();
for (const length of LENGTHS) {
  for (const name of names) await block(variants[name], length);
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < BLOCKS; round += 1) {
    (globalThis as { gc?: () => void }).gc?.();
    for (const name of names.map((_, index) => names[(index + round) % names.length] as string)) {
      samples.get(name)?.push(await block(variants[name], length));
    }
  }
  const medians = names.map((name) => median(samples.get(name) ?? []));
  const plain = medians[0] as number;
  console.log(
    `| ${length} | ${medians.map((value, index) => (index === 0 ? `${value.toFixed(1)} µs` : `${value.toFixed(1)} µs (+${(value - plain).toFixed(1)})`)).join(" | ")} |`,
  );
  for (const [index, name] of names.entries())
    costs.set(name, [...(costs.get(name) ?? []), (medians[index] as number) - plain]);
}
for (const name of names.slice(1)) {
  const [short = 0, long = 0] = costs.get(name) ?? [];
  const perChunk = (long - short) / (LENGTHS[1] - LENGTHS[0]);
  console.log(
    `\n${name}: ${(short - perChunk * LENGTHS[0]).toFixed(1)} µs per call + ${(perChunk * 1000).toFixed(0)} ns per chunk`,
  );
}
await tracerProvider.shutdown();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
