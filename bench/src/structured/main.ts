/**
 * The structured-output figure: JSON texts (one ~50 KB object; arrays of records from 5 KB to 2 MB)
 * streamed in fragments of a few characters through promptstream's incremental parser, the AI SDK's
 * partial parsing, LangChain's JSON output parser and a naive re-parse, against `JSON.parse` of the
 * whole text. For each: CPU time, peak RSS and the memory the final value holds, each consumer × size
 * in a fresh child process; every final value is checked against `JSON.parse`.
 *
 *   node --expose-gc bench/dist/structured/main.js           the full run  -> bench/results/structured.json
 *   node --expose-gc bench/dist/structured/main.js --smoke   a small run   -> bench/results/structured-smoke.json
 *   options: --out <file>, --consumers json-parse,promptstream-read (a subset)
 *
 * Exits non-zero when a consumer fails (an error, or a final value that differs from JSON.parse's).
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { childEnv } from "../child/run-child.js";
import { finishRun } from "../report/finish-run.js";
import { machineInfo, versionOf } from "../report/machine.js";
import { formatNumber, renderGrid } from "../report/table.js";
import { median } from "../stats.js";
import { FRAGMENTS_PER_READ, STRUCTURED_CONSUMERS, type StructuredConsumer } from "./consumers.js";
import { documentText, FRAGMENT_CHARS, fragmentsOf, type StructuredScenario } from "./documents.js";
import {
  STRUCTURED_FULL,
  STRUCTURED_SMOKE,
  type StructuredFigure,
  type StructuredReply,
  type StructuredTask,
} from "./figure.js";

const { values: options } = parseArgs({
  options: { smoke: { type: "boolean", default: false }, out: { type: "string" }, consumers: { type: "string" } },
});
const config = options.smoke ? STRUCTURED_SMOKE : STRUCTURED_FULL;
const outFile = resolve(
  options.out ??
    new URL(`../../results/${options.smoke ? "structured-smoke" : "structured"}.json`, import.meta.url).pathname,
);
const consumers = STRUCTURED_CONSUMERS.filter(
  (consumer) => options.consumers === undefined || options.consumers.split(",").includes(consumer.id),
);

const started = Date.now();
const log = (message: string): void => {
  process.stderr.write(`[structured ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
};

/** One consumer × one document: its figure, or why it has none. */
interface StructuredResult {
  readonly consumerId: string;
  readonly scenarioId: string;
  readonly figure?: StructuredFigure;
  readonly skipped?: string;
  readonly error?: string;
  readonly summary?: {
    readonly cpuMs: number;
    readonly wallMs: number;
    readonly coldCpuMs: number;
    readonly peakRssMiB: number;
    readonly retainedMiB: number;
    readonly usPerKib: number;
    readonly ratioToJsonParse: number | undefined;
    readonly ratioToAiSdk: number | undefined;
  };
}

const workDir = mkdtempSync(join(tmpdir(), "bench-structured-"));

/** promptstream's parser is not exported by core yet: bundle its source for the children to import. */
async function bundleParser(): Promise<string> {
  const outfile = join(workDir, "promptstream-parser.mjs");
  await build({
    entryPoints: [new URL("../../../packages/core/src/output/incremental-json-parser.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

const CHILD_TIMEOUT_MS = 120_000;

/** Rounds' figures as one: the timed runs pooled; cold CPU, peak RSS and the value's memory, their medians. */
function pool(first: StructuredFigure, next: StructuredFigure): StructuredFigure {
  const { rounds: earlier, ...firstRound } = first;
  const rounds: Array<Omit<StructuredFigure, "rounds">> = [...(earlier ?? [firstRound]), next];
  const middle = (pick: (figure: StructuredFigure) => number): number => median(rounds.map(pick));
  return {
    cpuMs: [...first.cpuMs, ...next.cpuMs],
    wallMs: [...first.wallMs, ...next.wallMs],
    warmRuns: first.warmRuns + next.warmRuns,
    coldCpuMs: middle((figure) => figure.coldCpuMs),
    peakRssBytes: middle((figure) => figure.peakRssBytes),
    peakRssSource: first.peakRssSource,
    retainedBytes: middle((figure) => figure.retainedBytes),
    partials: first.partials,
    rounds,
  };
}

function runChild(task: StructuredTask): Promise<StructuredReply> {
  const child = fork(new URL("./child.js", import.meta.url), [JSON.stringify(task)], {
    execArgv: ["--expose-gc"],
    env: childEnv(),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolveReply) => {
    let reply: StructuredReply | undefined;
    const timer = setTimeout(() => {
      reply ??= { ok: false, error: `timed out after ${CHILD_TIMEOUT_MS} ms` };
      child.kill();
    }, CHILD_TIMEOUT_MS);
    child.on("message", (message) => {
      reply = message as StructuredReply;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolveReply(reply ?? { ok: false, error: `the child exited (code ${code}, signal ${signal}) without a result` });
    });
  });
}

const parserModule = await bundleParser();
const documents: Array<StructuredScenario & { readonly fragments: number; readonly bytes: number }> = [];
const results: StructuredResult[] = [];
const failures: string[] = [];
/** Per consumer, its last figure on a records document: it projects the time at the next size. */
const previous = new Map<string, { readonly chars: number; readonly cpuMs: number } | { readonly skipped: string }>();

for (const scenario of config.scenarios) {
  const text = documentText(scenario);
  const fragments = fragmentsOf(text);
  const fragmentsFile = join(workDir, `${scenario.id}.json`);
  writeFileSync(fragmentsFile, JSON.stringify(fragments));
  documents.push({ ...scenario, chars: text.length, fragments: fragments.length, bytes: Buffer.byteLength(text) });
  for (const consumer of consumers) {
    const before = scenario.kind === "records" ? previous.get(consumer.id) : undefined;
    if (before !== undefined && "skipped" in before) {
      results.push({ consumerId: consumer.id, scenarioId: scenario.id, skipped: before.skipped });
      continue;
    }
    // Every consumer is at best linear, and the naive ones quadratic: project as if quadratic.
    const projectedMs = before === undefined ? 0 : before.cpuMs * (text.length / before.chars) ** 2;
    if (projectedMs > config.limitMs) {
      const skipped = `> ${config.limitMs / 1000} s (projected ${(projectedMs / 1000).toFixed(0)} s)`;
      results.push({ consumerId: consumer.id, scenarioId: scenario.id, skipped });
      previous.set(consumer.id, { skipped });
      continue;
    }
    log(`${scenario.id} (${formatNumber(text.length, 0)} chars, ${fragments.length} fragments): ${consumer.id}`);
    const reply = await runChild({
      consumerId: consumer.id,
      fragmentsFile,
      parserModule,
      runs: scenario.runs,
      limitMs: config.limitMs,
      budgetMs: config.budgetMs,
      warmUpMs: config.warmUpMs,
    });
    if (!reply.ok) {
      failures.push(`${consumer.id} on ${scenario.id}: ${reply.error}`);
      results.push({ consumerId: consumer.id, scenarioId: scenario.id, error: reply.error });
    } else if ("skipped" in reply) {
      results.push({ consumerId: consumer.id, scenarioId: scenario.id, skipped: reply.skipped });
      if (scenario.kind === "records") previous.set(consumer.id, { skipped: reply.skipped });
    } else {
      results.push({ consumerId: consumer.id, scenarioId: scenario.id, figure: reply.figure });
      if (scenario.kind === "records") {
        previous.set(consumer.id, { chars: text.length, cpuMs: median(reply.figure.cpuMs) });
      }
    }
  }
}
// Further rounds: each consumer that had warm runs runs again in a fresh process, the documents in
// the same order, and its samples are pooled (drift on a shared machine then spreads over all).
for (let round = 2; round <= config.rounds; round += 1) {
  for (const scenario of config.scenarios) {
    for (const consumer of consumers) {
      const index = results.findIndex(
        (result) => result.consumerId === consumer.id && result.scenarioId === scenario.id,
      );
      const figure = results[index]?.figure;
      if (figure === undefined || figure.warmRuns === 0) continue;
      log(`round ${round}: ${scenario.id}: ${consumer.id}`);
      const reply = await runChild({
        consumerId: consumer.id,
        fragmentsFile: join(workDir, `${scenario.id}.json`),
        parserModule,
        runs: scenario.runs,
        limitMs: config.limitMs,
        budgetMs: config.budgetMs,
        warmUpMs: config.warmUpMs,
      });
      if (!reply.ok) {
        failures.push(`${consumer.id} on ${scenario.id} (round ${round}): ${reply.error}`);
        results[index] = { consumerId: consumer.id, scenarioId: scenario.id, error: reply.error };
      } else if ("figure" in reply) {
        results[index] = { consumerId: consumer.id, scenarioId: scenario.id, figure: pool(figure, reply.figure) };
      }
    }
  }
}
rmSync(workDir, { recursive: true, force: true });

// Summaries, and the ratios to JSON.parse and to the AI SDK's parsePartialJson on the same document.
const MIB = 2 ** 20;
const summarised = results.map((result): StructuredResult => {
  const figure = result.figure;
  if (figure === undefined) return result;
  const document = documents.find((candidate) => candidate.id === result.scenarioId);
  const cpuOf = (id: string): number | undefined => {
    const other = results.find(
      (candidate) => candidate.consumerId === id && candidate.scenarioId === result.scenarioId,
    );
    return other?.figure === undefined ? undefined : median(other.figure.cpuMs);
  };
  const cpuMs = median(figure.cpuMs);
  const jsonParse = cpuOf("json-parse");
  const aiSdk = cpuOf("ai-sdk-partial");
  const summary = {
    cpuMs,
    wallMs: median(figure.wallMs),
    coldCpuMs: figure.coldCpuMs,
    peakRssMiB: figure.peakRssBytes / MIB,
    retainedMiB: figure.retainedBytes / MIB,
    usPerKib: (cpuMs * 1000) / ((document?.bytes ?? Number.NaN) / 1024),
    ratioToJsonParse: jsonParse === undefined ? undefined : cpuMs / jsonParse,
    ratioToAiSdk: aiSdk === undefined ? undefined : cpuMs / aiSdk,
  };
  const notFinite = Object.entries(summary).filter(([, value]) => value !== undefined && !Number.isFinite(value));
  if (notFinite.length > 0) {
    failures.push(
      `${result.consumerId} on ${result.scenarioId}: not finite: ${notFinite.map(([key]) => key).join(", ")}`,
    );
  }
  return { ...result, summary };
});

const libraryOf = (consumer: StructuredConsumer): string =>
  consumer.library === "node" ? `node ${process.version}` : `${consumer.library}@${versionOf(consumer.library)}`;
const ratio = (value: number | undefined): string =>
  value === undefined ? "—" : `${value >= 0.01 ? value.toFixed(2) : value.toPrecision(2)}×`;
const kib = (bytes: number): string => `${formatNumber(bytes / 1024, 0)} KiB`;

const lines: string[] = [
  `promptstream structured-output bench (${config.name}) — node ${process.version}, ${machineInfo().os}, ${machineInfo().cpuCount} × ${machineInfo().cpuModel}`,
  `fragments of ${FRAGMENT_CHARS.min}-${FRAGMENT_CHARS.max} characters; CPU = user + system ms of one whole stream (median of warm runs), each consumer × document in a fresh process; peak RSS = growth during the first run; value = heap the final value holds`,
];
for (const document of documents) {
  lines.push(
    "",
    `${document.id}: ${document.kind === "object" ? "one object, indented" : '{"items":[...]}, compact'}, ${kib(document.bytes)} (${formatNumber(document.chars, 0)} chars) in ${formatNumber(document.fragments, 0)} fragments`,
  );
  const rows = consumers.map((consumer) => {
    const result = summarised.find(
      (candidate) => candidate.consumerId === consumer.id && candidate.scenarioId === document.id,
    );
    const summary = result?.summary;
    if (summary === undefined) {
      const why = result?.error === undefined ? `skipped: ${result?.skipped ?? "not run"}` : `FAILED: ${result.error}`;
      return [consumer.label, why, "", "", "", "", "", ""];
    }
    return [
      consumer.label,
      formatNumber(summary.cpuMs, 2),
      ratio(summary.ratioToJsonParse),
      ratio(summary.ratioToAiSdk),
      formatNumber(summary.coldCpuMs, 1),
      formatNumber(summary.peakRssMiB, 1),
      formatNumber(summary.retainedMiB, 2),
      formatNumber(result?.figure?.partials ?? 0, 0),
    ];
  });
  lines.push(
    renderGrid(
      ["consumer", "CPU ms", "÷ JSON.parse", "÷ AI SDK", "cold CPU ms", "peak RSS MiB", "value MiB", "partials"],
      rows,
    ),
  );
}
const recordDocuments = documents.filter((document) => document.kind === "records");
lines.push("", "Linearity (records): CPU ms (µs per KiB of JSON); linear = the same µs/KiB at every size");
lines.push(
  renderGrid(
    ["consumer", ...recordDocuments.map((document) => kib(document.bytes))],
    consumers.map((consumer) => [
      consumer.label,
      ...recordDocuments.map((document) => {
        const result = summarised.find(
          (candidate) => candidate.consumerId === consumer.id && candidate.scenarioId === document.id,
        );
        const summary = result?.summary;
        if (summary === undefined) return result?.error === undefined ? "skipped" : "FAILED";
        return `${formatNumber(summary.cpuMs, 1)} (${formatNumber(summary.usPerKib, 1)})`;
      }),
    ]),
  ),
);
lines.push("", ...consumers.map((consumer) => `  ${consumer.label}: ${libraryOf(consumer)}`));
lines.push(
  `  promptstream's snapshot per read: one every ${FRAGMENTS_PER_READ} fragments when the value changed; per fragment: after every fragment that changed it`,
);
process.stdout.write(`${lines.join("\n")}\n`);

const output = {
  machine: machineInfo(),
  config,
  method: {
    fragments: `${FRAGMENT_CHARS.min}-${FRAGMENT_CHARS.max} characters, uniformly, on code-point boundaries, decoded from JSON`,
    cpu: "process.cpuUsage() (user + system) around one whole stream; median of the warm runs (after a warm-up) of every round",
    rounds: `${config.rounds}: each consumer × document with warm runs runs again in a fresh process, the samples pooled`,
    peakRss:
      "the first run: the kernel's maxRSS if it rose during the run, else the highest RSS sampled every 256 fragments; less RSS before the run (after gc)",
    value: "heap used + external after gc with the final value kept, less the same before the run",
    check: "every consumer's final value is util.isDeepStrictEqual to JSON.parse of the whole text",
    skip: `a run longer than ${config.limitMs} ms stops; a consumer projected (quadratically from its time at the last size) past it is not run`,
  },
  documents,
  results: summarised,
  libraries: Object.fromEntries(consumers.map((consumer) => [consumer.id, libraryOf(consumer)])),
  failures,
};
finishRun(outFile, output, failures, started);
