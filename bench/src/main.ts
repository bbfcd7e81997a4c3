/**
 * The benchmark: one command runs the same streams through every consumer, against a loopback
 * server in a child process, then prints one table per wire format and writes the JSON.
 *
 *   node --expose-gc bench/dist/main.js            the full run  -> bench/results/latest.json
 *   node --expose-gc bench/dist/main.js --smoke    a tiny run    -> bench/results/smoke.json
 *   options: --out <file>, --consumers openai/sdk,anthropic/sdk (a subset, for debugging),
 *            --drop-chunk (the server leaves out one delta: every consumer must fail; for the bench's test)
 *
 * Exits non-zero when any consumer fails (an error, or text that differs from what was served).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runChild } from "./child/run-child.js";
import { FULL, SMOKE } from "./config.js";
import type { ConsumerInfo } from "./consumers/consumer.js";
import { CONSUMERS } from "./consumers/registry.js";
import { measureColdStarts } from "./figures/cold-start.js";
import { combineConcurrency, combineStreamFigures } from "./figures/combine.js";
import type { ColdStartFigure, ConcurrencyFigure, StreamFigures } from "./figures/figures.js";
import { measureSizes } from "./figures/size.js";
import { machineInfo, versionOf } from "./report/machine.js";
import { type BenchResults, type ConsumerResult, FIGURE_KEYS, ratios, summarise } from "./report/results.js";
import { renderConsumerTable, renderSizeTable } from "./report/table.js";
import type { Wire } from "./scenario.js";
import { startServer } from "./server/start-server.js";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    out: { type: "string" },
    consumers: { type: "string" },
    "drop-chunk": { type: "boolean", default: false },
  },
});
const config = options.smoke ? SMOKE : FULL;
const outFile = resolve(
  options.out ?? new URL(`../results/${options.smoke ? "smoke" : "latest"}.json`, import.meta.url).pathname,
);
const selected =
  options.consumers === undefined
    ? CONSUMERS
    : CONSUMERS.filter((consumer) => options.consumers?.split(",").includes(consumer.id));

const started = Date.now();
const log = (message: string): void => {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
};

function librariesOf(consumer: ConsumerInfo): string {
  const pkg = (name: string): string => `${name}@${versionOf(name)}`;
  const sdk = consumer.wire === "openai" ? "openai" : "@anthropic-ai/sdk";
  switch (consumer.role) {
    case "floor":
      return `node ${process.version} fetch`;
    case "raw-sdk":
      return pkg(sdk);
    case "promptstream":
      return `${pkg(`@promptstream/provider-${consumer.wire}`)} on ${pkg(sdk)}`;
    case "ai-sdk":
      return `${pkg("ai")} + ${pkg(`@ai-sdk/${consumer.wire}`)}`;
    case "langchain":
      return `${pkg(`@langchain/${consumer.wire}`)} + ${pkg("@langchain/core")}`;
  }
}

type Measured = { streams: StreamFigures; concurrency: ConcurrencyFigure } | { error: string };

/** One part of one consumer's figures, in a fresh child process. */
async function measurePart<P extends "streams" | "concurrency">(
  consumer: ConsumerInfo,
  origin: string,
  part: P,
  round: number,
) {
  log(
    `${consumer.id}: ${part === "streams" ? "throughput, time to first chunk, paced" : "concurrency"} (round ${round + 1} of ${config.rounds})`,
  );
  const reply = await runChild({ consumerId: consumer.id, origin, config: config.name, part });
  if (!reply.ok) throw new Error(reply.error);
  if (reply.part !== part) throw new Error("a child answered the wrong task");
  return reply;
}

/**
 * Every consumer's figures, round by round: in each round every consumer runs once (streams,
 * then concurrency, each in a fresh process), so that the machine's drift spreads over all of
 * them. A consumer that fails once is out.
 */
async function measureAll(origin: string): Promise<Map<string, Measured>> {
  const streams = new Map<string, StreamFigures[]>();
  const concurrency = new Map<string, ConcurrencyFigure[]>();
  const failed = new Map<string, string>();
  for (let round = 0; round < config.rounds; round += 1) {
    for (const consumer of selected) {
      if (failed.has(consumer.id)) continue;
      try {
        const streamsReply = await measurePart(consumer, origin, "streams", round);
        if (streamsReply.part === "streams")
          streams.set(consumer.id, [...(streams.get(consumer.id) ?? []), streamsReply.figures]);
        const concurrencyReply = await measurePart(consumer, origin, "concurrency", round);
        if (concurrencyReply.part === "concurrency")
          concurrency.set(consumer.id, [...(concurrency.get(consumer.id) ?? []), concurrencyReply.figure]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`${consumer.id} FAILED: ${message}`);
        failed.set(consumer.id, message);
      }
    }
  }
  const measured = new Map<string, Measured>();
  for (const consumer of selected) {
    const error = failed.get(consumer.id);
    measured.set(
      consumer.id,
      error !== undefined
        ? { error }
        : {
            streams: combineStreamFigures(streams.get(consumer.id) ?? []),
            concurrency: combineConcurrency(concurrency.get(consumer.id) ?? []),
          },
    );
  }
  return measured;
}

log(`${config.name} run, ${selected.length} consumers; server in a child process`);
const server = await startServer({ dropChunk: options["drop-chunk"] });
let measured = new Map<string, Measured>();
const coldStarts = new Map<string, ColdStartFigure>();
try {
  measured = await measureAll(server.origin);
  log(
    `cold start: ${selected.length} consumers × ${config.coldStart.runs} fresh processes (import, then a first stream)`,
  );
  const coldFigures = await measureColdStarts(
    selected.map((consumer) => ({ consumerId: consumer.id, imports: consumer.imports })),
    server.origin,
    config.coldStart.runs,
    log,
  );
  selected.forEach((consumer, index) => {
    const figure = coldFigures[index];
    if (figure !== undefined) coldStarts.set(consumer.id, figure);
  });
} finally {
  await server.stop();
}

log("bundle sizes (esbuild)");
const sizes = await measureSizes();

const failures: string[] = [];
const partial: ConsumerResult[] = selected.map((consumer) => {
  const base = {
    id: consumer.id,
    wire: consumer.wire,
    role: consumer.role,
    label: consumer.label,
    libraries: librariesOf(consumer),
  };
  const result = measured.get(consumer.id);
  const coldStart = coldStarts.get(consumer.id);
  if (result === undefined || "error" in result || coldStart === undefined) {
    const error = result !== undefined && "error" in result ? result.error : "not measured";
    failures.push(`${consumer.id}: ${error}`);
    return { ...base, error };
  }
  const figures = { ...result.streams, concurrency: result.concurrency, coldStart };
  const summary = summarise(figures);
  const notFinite = FIGURE_KEYS.filter((key) => !Number.isFinite(summary[key]));
  if (notFinite.length > 0) {
    failures.push(`${consumer.id}: figures not finite: ${notFinite.join(", ")}`);
    return { ...base, error: `figures not finite: ${notFinite.join(", ")}`, figures, summary };
  }
  return { ...base, figures, summary };
});
const results: ConsumerResult[] = partial.map((result) => {
  const raw = partial.find((other) => other.wire === result.wire && other.role === "raw-sdk")?.summary;
  return result.summary === undefined ? result : { ...result, ratioToRawSdk: ratios(result.summary, raw) };
});

const machine = machineInfo();
const output: BenchResults = {
  config: config.name,
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 100) / 10,
  machine,
  method: {
    server:
      "a child process (its CPU is not counted as the client's); bodies serialised once per scenario; burst: 64 KiB writes as fast as the socket takes them; paced: one event per write, every 1 ms",
    consumers: `${config.rounds} interleaved round(s): in each, every consumer runs in its own child processes (node --expose-gc), one for throughput, time to first chunk and paced, a fresh one for concurrency; samples are pooled over the rounds; every stream's text is compared with what was served`,
    throughput: `${config.throughput.chunks}-chunk stream, one at a time; median of ${config.rounds} × ${config.throughput.runs} runs, each process after ${config.throughput.warmups} warm-ups`,
    ttfc: `${config.rounds} × ${config.ttfc.streams} streams of ${config.ttfc.chunks} chunks, one after another (${config.ttfc.warmups} warm-ups per process); median time from the call to the first non-empty text`,
    paced: `${config.paced.streams} streams of ${config.paced.chunks} chunks at once, server pacing 1 event/ms; client process.cpuUsage (user+system) ÷ text chunks; median of ${config.rounds} × ${config.paced.rounds} rounds, each process after 1 warm-up round`,
    concurrency: `${config.concurrency.streams} streams of ${config.concurrency.chunks} chunks at once (burst), in a fresh process after 3 warm-up streams, ${config.concurrency.rounds} timed round(s) per process; medians over ${config.rounds} processes; memory = (peak RSS during the timed rounds − RSS before them) ÷ streams; in use = one more round, untimed, sampling heapUsed + external right after a full gc every 10 ms: (peak − before) ÷ streams`,
    coldStart: `import time inside a fresh node process (performance.now() around the dynamic imports, Node's own start excluded), and import time plus the first text of a first 5-chunk stream; medians of ${config.coldStart.runs} after a discarded pass`,
    size: "esbuild bundle (ESM, platform node, minified) then gzip -9; promptstream's vendor SDK peers and zod are external; the raw SDKs are bundled alone for comparison",
    ratios:
      "each figure ÷ the raw vendor SDK's figure for the same wire format (for chunks/s, below 1 is slower; for every other figure, above 1 is slower or bigger)",
    node20:
      "ai 7, @ai-sdk/openai 4, @ai-sdk/anthropic 4 and @langchain/openai >= 1.5.9 declare node >= 22; the newest releases declaring node >= 18/20 are pinned instead (ai 6, @ai-sdk/* 3, @langchain/openai 1.5.8)",
  },
  consumers: results,
  sizes,
  failures,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);

const wires: readonly Wire[] = ["openai", "anthropic"];
const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
print(
  `\npromptstream bench (${config.name}) — node ${machine.node}, ${machine.os}, ${machine.cpuCount} × ${machine.cpuModel}`,
);
print(
  `figure (ratio to the raw vendor SDK of that wire format); server in a child process; memory = peak RSS growth and memory in use (after gc) per stream\n`,
);
for (const wire of wires) {
  const rows = results.filter((result) => result.wire === wire);
  if (rows.length === 0) continue;
  print(`${wire === "openai" ? "OpenAI Chat Completions SSE" : "Anthropic Messages SSE"}`);
  print(renderConsumerTable(rows, config.concurrency.streams, config.concurrency.chunks));
  for (const row of rows) print(`  ${row.label}: ${row.libraries}`);
  print("");
}
print(renderSizeTable(sizes));
print(`\nJSON: ${outFile} (${output.durationSeconds} s)`);

if (failures.length > 0) {
  process.stderr.write(
    `\nBENCH FAILED — ${failures.length} consumer(s):\n${failures.map((failure) => `  ✗ ${failure}`).join("\n")}\n`,
  );
  process.exitCode = 1;
}
