/**
 * What `otelMiddleware` costs: the same streams read with and without it, through the real
 * `openai` SDK, from a loopback server in a child process (so that this process's CPU time is the
 * client's alone), at two lengths (10 and 300 chunks), so that the cost splits into a part per call
 * and a part per chunk. Three prompts:
 *
 * - `plain`: no middleware;
 * - `otel, no SDK`: `otelMiddleware()` with no tracer provider registered (the API's no-op spans):
 *   the middleware's own work;
 * - `otel + SDK`: the OTel SDK's `BasicTracerProvider` with a `SimpleSpanProcessor` and an exporter
 *   that drops what it is given: the SDK's work on each span counts too, no I/O does.
 *
 *   npx pnpm@10.34.8 --filter @promptstream/otel bench              (a few minutes)
 *   npx pnpm@10.34.8 --filter @promptstream/otel bench -- --quick   (seconds, to see that it runs)
 *
 * The prompts take turns, block by block (the order rotating), so that drift (JIT, GC, CPU
 * frequency, other processes) hits all alike; each figure is the median over blocks of the CPU time
 * (user + system) per stream, and the cost the median of the differences between neighbouring blocks.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { createOpenAITextChunks, startOpenAIChatServer } from "@promptstream/testing";
import { otelMiddleware } from "../src/index.js";

const LENGTHS = [10, 300] as const;

if (process.argv.includes("--serve")) {
  const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(" ");
  const bodies = new Map(LENGTHS.map((length) => [String(length), createOpenAITextChunks(words(length))]));
  const server = await startOpenAIChatServer((request) => {
    const { messages } = request.body as { messages: Array<{ content: string }> };
    return { chunks: bodies.get(messages.at(-1)?.content ?? "") ?? [] };
  });
  process.send?.(server.baseURL);
  process.on("disconnect", () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const blocks = quick ? 4 : Number(process.env.BLOCKS ?? 60);
  const perBlock = quick ? 5 : Number(process.env.STREAMS_PER_BLOCK ?? 20);
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: ["--import", "tsx"] });
  const baseURL = await new Promise<string>((resolve) => child.once("message", (url) => resolve(String(url))));
  const dropping: SpanExporter = {
    export: (_spans, done) => done({ code: 0 }), // ExportResultCode.SUCCESS
    shutdown: async () => {},
  };
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropping)] });
  const definition = { template: "{length}", client: { baseURL, apiKey: "sk-bench", maxRetries: 0 } } as const;
  const prompts = {
    plain: class Plain extends OpenAIPrompt(definition) {},
    "otel, no SDK": class NoSdk extends OpenAIPrompt({ ...definition, middleware: [otelMiddleware()] }) {},
    "otel + SDK": class Sdk extends OpenAIPrompt({
      ...definition,
      middleware: [otelMiddleware({ tracerProvider })],
    }) {},
  };
  type Variant = keyof typeof prompts;
  const variants = Object.keys(prompts) as Variant[];

  /** `perBlock` streams of `length` chunks, read to their end: CPU ms per stream. */
  const block = async (variant: Variant, length: number): Promise<number> => {
    const before = process.cpuUsage();
    for (let index = 0; index < perBlock; index += 1) {
      let chunks = 0;
      for await (const _chunk of new prompts[variant]({ length: String(length) }).stream()) chunks += 1;
      if (chunks < length) throw new Error(`expected ${length} chunks, got ${chunks}`);
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / perBlock;
  };

  const results = new Map<number, Record<Variant, { cpu: number; cost: number }>>();
  try {
    for (const length of LENGTHS) {
      for (const variant of variants) await block(variant, length); // warm-up
      const samples = Object.fromEntries(variants.map((variant) => [variant, [] as number[]])) as Record<
        Variant,
        number[]
      >;
      const costs = Object.fromEntries(variants.map((variant) => [variant, [] as number[]])) as Record<
        Variant,
        number[]
      >;
      for (let round = 0; round < blocks; round += 1) {
        (globalThis as { gc?: () => void }).gc?.();
        const order = variants.map((_, index) => variants[(index + round) % variants.length] as Variant);
        const cpu = {} as Record<Variant, number>;
        for (const variant of order) cpu[variant] = await block(variant, length);
        for (const variant of variants) {
          samples[variant].push(cpu[variant]);
          costs[variant].push(cpu[variant] - cpu.plain);
        }
      }
      results.set(
        length,
        Object.fromEntries(
          variants.map((variant) => [variant, { cpu: median(samples[variant]), cost: median(costs[variant]) }]),
        ) as Record<Variant, { cpu: number; cost: number }>,
      );
    }
  } finally {
    child.disconnect();
    await tracerProvider.shutdown();
  }

  console.log(
    `node ${process.version}, ${blocks} blocks of ${perBlock} streams per prompt and length; CPU time per stream (median):\n`,
  );
  console.log(`| chunks per stream | ${variants.join(" | ")} |`);
  console.log(`| --- | ${variants.map(() => "---").join(" | ")} |`);
  for (const [length, figures] of results) {
    const cells = variants.map((variant) => {
      const { cpu, cost } = figures[variant];
      return variant === "plain" ? us(cpu) : `${us(cpu)} (+${us(cost)})`;
    });
    console.log(`| ${length} | ${cells.join(" | ")} |`);
  }
  for (const variant of variants.slice(1)) {
    const [short, long] = LENGTHS.map((length) => results.get(length)?.[variant].cost ?? 0) as [number, number];
    const perChunk = (long - short) / (LENGTHS[1] - LENGTHS[0]);
    const perCall = short - perChunk * LENGTHS[0];
    console.log(`\n${variant}: ${us(perCall)} per call + ${(perChunk * 1e6).toFixed(0)} ns per chunk`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function us(ms: number): string {
  return `${(ms * 1000).toFixed(0)} µs`;
}
