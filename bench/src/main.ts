/**
 * The benchmark: one command runs the same streams through every consumer, against a loopback
 * server in a child process, on every text profile, then prints one table per wire format and
 * profile, promptstream's targets per wire format (and one table per wire format for the
 * tool-call figure) and writes the JSON.
 *
 *   node --expose-gc bench/dist/main.js            the full run  -> bench/results/latest.json
 *   node --expose-gc bench/dist/main.js --smoke    a tiny run    -> bench/results/smoke.json
 *   options: --out <file>, --consumers openai/sdk,openai-responses/fetch (a subset, for debugging),
 *            --profiles english,multilingual (the text profiles; both by default),
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
import {
  type BenchResults,
  type ConsumerResult,
  figureKeysOf,
  ratios,
  summarise,
  textProfileInfo,
} from "./report/results.js";
import { describeTextProfiles, renderConsumerTable, renderSizeTable } from "./report/table.js";
import { checkTargets, renderTargets } from "./report/targets.js";
import { toolResults } from "./report/tool-results.js";
import { describeToolScenarios, renderToolTable } from "./report/tool-table.js";
import { TEXT_PROFILES, type TextProfile, WIRE_NAMES, WIRES } from "./scenario.js";
import { startServer } from "./server/start-server.js";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    out: { type: "string" },
    consumers: { type: "string" },
    profiles: { type: "string" },
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
const profiles = TEXT_PROFILES.filter(
  (profile) => options.profiles === undefined || options.profiles.split(",").includes(profile),
);

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

/** One part of one consumer's figures (on one text profile, but for tools), in a fresh child process. */
async function measurePart(
  consumerId: string,
  origin: string,
  part: ChildTask["part"],
  round: number,
  profile?: TextProfile,
) {
  log(
    `${consumerId}: ${PART_NAMES[part]}${profile === undefined ? "" : `, ${profile}`} (round ${round + 1} of ${config.rounds})`,
  );
  const task: ChildTask =
    part === "tools"
      ? { consumerId, origin, config: config.name, part }
      : { consumerId, origin, config: config.name, part, profile: profile ?? "english" };
  const reply = await runChild(task);
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

/** The key of one consumer on one text profile. */
const keyOf = (consumerId: string, profile: TextProfile): string => `${consumerId} ${profile}`;

/**
 * Every consumer's figures on every text profile, round by round: in each round every consumer
 * runs once per profile (streams, then concurrency, each in a fresh process), then every tool
 * consumer (the tool-call figure), so that the machine's drift spreads over all of them. A
 * consumer that fails once on a profile is out on that profile.
 */
async function measureAll(origin: string): Promise<Map<string, Measured>> {
  const streams = new Map<string, StreamFigures[]>();
  const concurrency = new Map<string, ConcurrencyFigure[]>();
  const failed = new Map<string, string>();
  for (let round = 0; round < config.rounds; round += 1) {
    for (const consumer of selected) {
      for (const profile of profiles) {
        const key = keyOf(consumer.id, profile);
        if (failed.has(key)) continue;
        try {
          const streamsReply = await measurePart(consumer.id, origin, "streams", round, profile);
          if (streamsReply.part === "streams") streams.set(key, [...(streams.get(key) ?? []), streamsReply.figures]);
          const concurrencyReply = await measurePart(consumer.id, origin, "concurrency", round, profile);
          if (concurrencyReply.part === "concurrency")
            concurrency.set(key, [...(concurrency.get(key) ?? []), concurrencyReply.figure]);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log(`${consumer.id} (${profile}) FAILED: ${message}`);
          failed.set(key, message);
        }
      }
    }
    await measureToolRound(origin, round);
  }
  const measured = new Map<string, Measured>();
  for (const consumer of selected) {
    for (const profile of profiles) {
      const key = keyOf(consumer.id, profile);
      const error = failed.get(key);
      measured.set(
        key,
        error !== undefined
          ? { error }
          : {
              streams: combineStreamFigures(streams.get(key) ?? []),
              concurrency: combineConcurrency(concurrency.get(key) ?? []),
            },
      );
    }
  }
  return measured;
}

log(
  `${config.name} run, ${selected.length} consumers × ${profiles.length} text profiles (${profiles.join(", ")}), ${selectedTools.length} tool consumers; server in a child process`,
);
const server = await startServer({ dropChunk: options["drop-chunk"], pin: true });
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
/** One consumer on one profile; the cold-start figure goes with the english profile's row. */
function consumerResult(consumer: (typeof selected)[number], profile: TextProfile): ConsumerResult {
  const base = {
    id: consumer.id,
    wire: consumer.wire,
    profile,
    role: consumer.role,
    label: consumer.label,
    libraries: librariesOf(consumer),
  };
  const failed = (error: string): ConsumerResult => {
    failures.push(`${consumer.id} (${profile}): ${error}`);
    return { ...base, error };
  };
  const result = measured.get(keyOf(consumer.id, profile));
  if (result === undefined || "error" in result) return failed(result?.error ?? "not measured");
  const coldStart = profile === "english" ? coldStarts.get(consumer.id) : undefined;
  if (profile === "english" && coldStart === undefined) return failed("cold start not measured");
  const figures = { ...result.streams, concurrency: result.concurrency, ...(coldStart && { coldStart }) };
  const summary = summarise(figures);
  const notFinite = figureKeysOf(profile).filter((key) => !Number.isFinite(summary[key]));
  if (notFinite.length > 0) return { ...failed(`figures not finite: ${notFinite.join(", ")}`), figures, summary };
  return { ...base, figures, summary };
}
const partial: ConsumerResult[] = selected.flatMap((consumer) =>
  profiles.map((profile) => consumerResult(consumer, profile)),
);
const results: ConsumerResult[] = partial.map((result) => {
  const raw = partial.find(
    (other) => other.wire === result.wire && other.profile === result.profile && other.role === "raw-sdk",
  )?.summary;
  return result.summary === undefined ? result : { ...result, ratioToRawSdk: ratios(result.summary, raw) };
});
const targets = checkTargets(results, WIRES, profiles);

const tools = toolResults(selectedTools, toolMeasured, failures);
const machine = machineInfo();
const output: BenchResults = {
  config: config.name,
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 100) / 10,
  machine,
  method: methodOf(config),
  profiles: profiles.map((profile) => textProfileInfo(profile, config.throughput.chunks)),
  consumers: results,
  targets,
  tools,
  sizes,
  failures,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
print(
  `\npromptstream bench (${config.name}) — node ${machine.node}, ${machine.os}, ${machine.cpuCount} × ${machine.cpuModel}`,
);
print(
  `figure (ratio to the raw vendor SDK of that wire format and text profile); server in a child process; memory = peak RSS growth and memory in use (after gc) per stream`,
);
print(`${describeTextProfiles(output.profiles)}\n`);
for (const wire of WIRES) {
  const wireRows = results.filter((result) => result.wire === wire);
  if (wireRows.length === 0) continue;
  const wireName = `${WIRE_NAMES[wire]} SSE`;
  for (const profile of profiles) {
    const rows = wireRows.filter((result) => result.profile === profile);
    print(`${wireName}, ${profile} text`);
    print(renderConsumerTable(rows, profile, config.concurrency.streams, config.concurrency.chunks));
    print("");
  }
  for (const row of wireRows.filter((result) => result.profile === profiles[0]))
    print(`  ${row.label}: ${row.libraries}`);
  const wireTargets = targets.filter((check) => check.wire === wire);
  if (wireTargets.length > 0) {
    print(`\n${wireName}: promptstream's targets (floor = fetch + minimal SSE)`);
    print(renderTargets(wireTargets));
  }
  print("");
}
for (const wire of WIRES) {
  const rows = tools.filter((result) => result.wire === wire);
  if (rows.length === 0) continue;
  print(`${WIRE_NAMES[wire]}: tool calls (burst; ms per stream, ratio to the raw SDK's helper)`);
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
