/**
 * What `otelMiddleware` costs: the same streams read with and without it, against a loopback
 * OpenAI server through the real SDK, at two lengths (10 and 300 chunks), so that the cost
 * splits into a part per call and a part per chunk. The tracer is the OTel SDK's
 * `BasicTracerProvider` with a `SimpleSpanProcessor` and an exporter that drops what it is given:
 * the SDK's own work on each span counts, no I/O does.
 *
 *   npx pnpm@10.34.8 --filter @promptstream/otel bench            (about a minute)
 *   npx pnpm@10.34.8 --filter @promptstream/otel bench -- --quick (a few seconds, for a smoke run)
 *
 * The two prompts take turns, stream by stream, so that drift (JIT, GC, CPU frequency, other
 * processes) hits both alike; each figure is a median over the streams: wall time, and the process's
 * CPU time (the loopback server runs in this process too: its share is the same in both).
 */
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { createOpenAITextChunks, startOpenAIChatServer } from "@promptstream/testing";
import { otelMiddleware } from "../src/index.js";

const quick = process.argv.includes("--quick");
const STREAMS = quick ? 40 : Number(process.env.STREAMS ?? 2000);
const LENGTHS = [10, 300] as const;

/** An exporter that drops the spans: the processor and the SDK still do all their work. */
const dropping: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }), // ExportResultCode.SUCCESS
  shutdown: async () => {},
};
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropping)] });
const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(" ");
const bodies = new Map(LENGTHS.map((length) => [String(length), createOpenAITextChunks(words(length))]));
const server = await startOpenAIChatServer((request) => {
  const { messages } = request.body as { messages: Array<{ content: string }> };
  return { chunks: bodies.get(messages.at(-1)?.content ?? "") ?? [] };
});
const client = { baseURL: server.baseURL, apiKey: "sk-bench", maxRetries: 0 };

class Plain extends OpenAIPrompt({ template: "{length}", client, callParams: { model: "gpt-4o-mini" } }) {}
class Traced extends OpenAIPrompt({
  template: "{length}",
  client,
  callParams: { model: "gpt-4o-mini" },
  middleware: [otelMiddleware({ tracerProvider })],
}) {}

/** One stream read to its end: its wall time and the process's CPU time over it, in ms. */
async function timeStream(Prompt: typeof Plain, length: number): Promise<{ wall: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let chunks = 0;
  for await (const _chunk of new Prompt({ length: String(length) }).stream()) chunks += 1;
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  if (chunks < length) throw new Error(`expected ${length} chunks, got ${chunks}`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

interface Figures {
  readonly plain: { wall: number; cpu: number };
  readonly traced: { wall: number; cpu: number };
}

/** Streams of `length` chunks, the two prompts taking turns (which goes first alternates too). */
async function measure(length: number): Promise<Figures> {
  const samples = {
    plain: { wall: [] as number[], cpu: [] as number[] },
    traced: { wall: [] as number[], cpu: [] as number[] },
  };
  for (let warm = 0; warm < STREAMS / 4; warm += 1) {
    await timeStream(Plain, length);
    await timeStream(Traced, length);
  }
  for (let index = 0; index < STREAMS; index += 1) {
    if (index % 50 === 0) (globalThis as { gc?: () => void }).gc?.();
    const order = index % 2 === 0 ? (["plain", "traced"] as const) : (["traced", "plain"] as const);
    for (const variant of order) {
      const { wall, cpu } = await timeStream(variant === "plain" ? Plain : Traced, length);
      samples[variant].wall.push(wall);
      samples[variant].cpu.push(cpu);
    }
  }
  return {
    plain: { wall: median(samples.plain.wall), cpu: median(samples.plain.cpu) },
    traced: { wall: median(samples.traced.wall), cpu: median(samples.traced.cpu) },
  };
}

const results = new Map<number, Figures>();
try {
  for (const length of LENGTHS) results.set(length, await measure(length));
} finally {
  await server.close();
  await tracerProvider.shutdown();
}

console.log(`node ${process.version}, ${STREAMS} streams per prompt and length, taking turns; medians per stream:\n`);
console.log("| chunks per stream | without: wall, CPU | with otelMiddleware: wall, CPU | difference: wall, CPU |");
console.log("| --- | --- | --- | --- |");
for (const [length, { plain, traced }] of results) {
  const cells = [plain, traced, { wall: traced.wall - plain.wall, cpu: traced.cpu - plain.cpu }];
  console.log(`| ${length} | ${cells.map(({ wall, cpu }) => `${us(wall)}, ${us(cpu)}`).join(" | ")} |`);
}
const [short, long] = LENGTHS.map((length) => results.get(length) as Figures) as [Figures, Figures];
const costOf = (figures: Figures) => figures.traced.cpu - figures.plain.cpu;
const perChunk = (costOf(long) - costOf(short)) / (LENGTHS[1] - LENGTHS[0]);
console.log(
  `\nCPU per call: ${us(costOf(short) - perChunk * LENGTHS[0])} + ${(perChunk * 1e6).toFixed(0)} ns per chunk`,
);
