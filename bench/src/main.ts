/**
 * The benchmark: one command runs the same streams through every consumer, against a loopback
 * server in a child process, then prints one table per wire format (and one per wire format for
 * the tool-call figure) and writes the JSON.
 *
 *   node --expose-gc bench/dist/main.js            the full run  -> bench/results/latest.json
 *   node --expose-gc bench/dist/main.js --smoke    a tiny run    -> bench/results/smoke.json
 *   options: --out <file>, --consumers openai/sdk,anthropic/sdk (a subset, for debugging),
 *            --drop-chunk (the server leaves out one text delta and one tool-call fragment: every consumer
 *            must fail; for the bench's test)
 *
 * Exits non-zero when any consumer fails (an error, or text or tool-call arguments that differ from
 * what was served).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ChildTask } from "./child/child-task.js";
import { runChild } from "./child/run-child.js";
import { FULL, SMOKE } from "./config.js";
import { CONSUMERS } from "./consumers/registry.js";
import { TOOL_CONSUMERS } from "./consumers/tool-registry.js";
import { measureColdStarts } from "./figures/cold-start.js";
import { combineConcurrency, combineStreamFigures } from "./figures/combine.js";
import type { ColdStartFigure, ConcurrencyFigure, StreamFigures } from "./figures/figures.js";
import { measureSizes } from "./figures/size.js";
import type { ToolCallsFigure } from "./figures/tool-calls.js";
import { librariesOf } from "./report/libraries.js";
import { machineInfo } from "./report/machine.js";
import { methodOf } from "./report/method.js";
import { type BenchResults, type ConsumerResult, FIGURE_KEYS, ratios, summarise } from "./report/results.js";
import { renderConsumerTable, renderSizeTable } from "./report/table.js";
import { toolResults } from "./report/tool-results.js";
import { describeToolScenarios, renderToolTable } from "./report/tool-table.js";
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
const wanted = (consumer: { readonly id: string }): boolean =>
  options.consumers === undefined || options.consumers.split(",").includes(consumer.id);
const selected = CONSUMERS.filter(wanted);
const selectedTools = TOOL_CONSUMERS.filter(wanted);

const started = Date.now();
const log = (message: string): void => {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
};

type Measured = { streams: StreamFigures; concurrency: ConcurrencyFigure } | { error: string };

const PART_NAMES: Record<ChildTask["part"], string> = {
  streams: "throughput, time to first chunk, paced",
  concurrency: "concurrency",
  tools: "tool calls",
};

/** One part of one consumer's figures, in a fresh child process. */
async function measurePart<P extends ChildTask["part"]>(consumerId: string, origin: string, part: P, round: number) {
  log(`${consumerId}: ${PART_NAMES[part]} (round ${round + 1} of ${config.rounds})`);
  const reply = await runChild({ consumerId, origin, config: config.name, part });
  if (!reply.ok) throw new Error(reply.error);
  if (reply.part !== part) throw new Error("a child answered the wrong task");
  return reply;
}

/** Each tool consumer's tool-call figures, one per round, or why it failed. */
const toolMeasured = new Map<string, ToolCallsFigure[] | { readonly error: string }>();

/** One round of the tool-call figure: every tool consumer once, each in a fresh process. A consumer that fails once is out. */
async function measureToolRound(origin: string, round: number): Promise<void> {
  for (const consumer of selectedTools) {
    const soFar = toolMeasured.get(consumer.id) ?? [];
    if ("error" in soFar) continue;
    try {
      const reply = await measurePart(consumer.id, origin, "tools", round);
      if (reply.part === "tools") toolMeasured.set(consumer.id, [...soFar, reply.figure]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${consumer.id} tool calls FAILED: ${message}`);
      toolMeasured.set(consumer.id, { error: message });
    }
  }
}

/**
 * Every consumer's figures, round by round: in each round every consumer runs once (streams,
 * then concurrency, each in a fresh process), then every tool consumer (the tool-call figure),
 * so that the machine's drift spreads over all of them. A consumer that fails once is out.
 */
async function measureAll(origin: string): Promise<Map<string, Measured>> {
  const streams = new Map<string, StreamFigures[]>();
  const concurrency = new Map<string, ConcurrencyFigure[]>();
  const failed = new Map<string, string>();
  for (let round = 0; round < config.rounds; round += 1) {
    for (const consumer of selected) {
      if (failed.has(consumer.id)) continue;
      try {
        const streamsReply = await measurePart(consumer.id, origin, "streams", round);
        if (streamsReply.part === "streams")
          streams.set(consumer.id, [...(streams.get(consumer.id) ?? []), streamsReply.figures]);
        const concurrencyReply = await measurePart(consumer.id, origin, "concurrency", round);
        if (concurrencyReply.part === "concurrency")
          concurrency.set(consumer.id, [...(concurrency.get(consumer.id) ?? []), concurrencyReply.figure]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`${consumer.id} FAILED: ${message}`);
        failed.set(consumer.id, message);
      }
    }
    await measureToolRound(origin, round);
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

log(
  `${config.name} run, ${selected.length} consumers, ${selectedTools.length} tool consumers; server in a child process`,
);
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

const tools = toolResults(selectedTools, toolMeasured, failures);
const machine = machineInfo();
const output: BenchResults = {
  config: config.name,
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 100) / 10,
  machine,
  method: methodOf(config),
  consumers: results,
  tools,
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
for (const wire of wires) {
  const rows = tools.filter((result) => result.wire === wire);
  if (rows.length === 0) continue;
  print(
    `${wire === "openai" ? "OpenAI Chat Completions" : "Anthropic Messages"}: tool calls (burst; ms per stream, ratio to the raw SDK's helper)`,
  );
  print(renderToolTable(rows, config.tools.scenarios));
  print(describeToolScenarios(rows, config.tools.scenarios).replace(/^/gm, "  "));
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
