/**
 * The web figure: one stream of 20,000 chunks from the loopback provider server (OpenAI wire),
 * through `@promptstream/provider-openai` in a relay server, sent on over a real loopback socket
 * to a client, for each server/client pair of `pairs.ts` side by side: a plain `ReadableStream`
 * pipe (the baseline), promptstream's `toTextResponse()`, `toEventStreamResponse()` and
 * `pipeToNodeResponse()` with its client module, and the raw openai SDK written by hand.
 *
 *   node --expose-gc bench/dist/web/main.js           the full run  -> bench/results/web.json
 *   node --expose-gc bench/dist/web/main.js --smoke   a small run   -> bench/results/web-smoke.json
 *   options: --out <file>, --pairs readable-pipe,text-response (a subset),
 *            --relay-cpu-prof <dir> (the relay runs with node --cpu-prof, its profile written there),
 *            --drop-chunk (the provider server leaves a delta out: every pair must fail; for the bench's test)
 *
 * Three processes: the provider server and the relay are children, the client is this process, so
 * the relay's CPU time is its own. Exits non-zero when a pair fails (an error, or text that
 * differs from what was served).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { finishRun } from "../report/finish-run.js";
import { machineInfo } from "../report/machine.js";
import { formatNumber, renderGrid } from "../report/table.js";
import { startChildServer, startServer } from "../server/start-server.js";
import { median } from "../stats.js";
import { verifyText } from "../verify.js";
import { runClient } from "./clients.js";
import { type RelayReport, relayPath, WEB_FULL, WEB_PAIRS, WEB_SMOKE, type WebPair } from "./pairs.js";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    out: { type: "string" },
    pairs: { type: "string" },
    "relay-cpu-prof": { type: "string" },
    "drop-chunk": { type: "boolean", default: false },
  },
});
const config = options.smoke ? WEB_SMOKE : WEB_FULL;
const outFile = resolve(
  options.out ?? new URL(`../../results/${options.smoke ? "web-smoke" : "web"}.json`, import.meta.url).pathname,
);
const pairs = WEB_PAIRS.filter((pair) => options.pairs === undefined || options.pairs.split(",").includes(pair.id));
const BASELINE = WEB_PAIRS[0]?.id ?? "";

const started = Date.now();
const log = (message: string): void => {
  process.stderr.write(`[web ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
};

/** One timed run of a pair. */
interface WebSample {
  readonly wallMs: number;
  readonly firstTextMs: number;
  readonly clientCpuUs: number;
  readonly serverCpuUs: number;
  readonly wireBytes: number;
  readonly writes: number;
}

const SUMMARY_KEYS = [
  "wallUsPerChunk",
  "serverCpuUsPerChunk",
  "clientCpuUsPerChunk",
  "firstTextMs",
  "wireBytes",
  "writes",
] as const;
type SummaryKey = (typeof SUMMARY_KEYS)[number];
/** Per figure: the median of the runs, and their lowest and highest (the spread). */
type Summary = Record<SummaryKey, { readonly median: number; readonly min: number; readonly max: number }>;

interface PairResult extends WebPair {
  readonly runs: WebSample[];
  error?: string;
  summary?: Summary;
  ratioToBaseline?: Partial<Record<SummaryKey, number>>;
}

const provider = await startServer({ dropChunk: options["drop-chunk"] });
const relay = await startChildServer(
  new URL("./relay-server.js", import.meta.url),
  [provider.origin],
  [
    "--expose-gc",
    ...(options["relay-cpu-prof"] === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${options["relay-cpu-prof"]}`]),
  ],
);

// The relay's reports arrive by run id, possibly before the client has read the whole body.
const reports = new Map<number, RelayReport>();
const waiters = new Map<number | "gc", () => void>();
relay.child.on("message", (message: RelayReport | { type: "gc-done" }) => {
  if (message.type === "report") reports.set(message.runId, message);
  const waiter = waiters.get(message.type === "report" ? message.runId : "gc");
  waiters.delete(message.type === "report" ? message.runId : "gc");
  waiter?.();
});

const REPORT_TIMEOUT_MS = 60_000;
function waitFor(key: number | "gc", ready: () => boolean): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolveWait, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${key} message from the relay`)), REPORT_TIMEOUT_MS);
    waiters.set(key, () => {
      clearTimeout(timer);
      resolveWait();
    });
  });
}

let nextRunId = 0;
async function runOnce(pair: WebPair): Promise<WebSample> {
  const runId = nextRunId++;
  // A full gc in both processes first: no run pays for the garbage of the one before.
  const gcAcked = waitFor("gc", () => false);
  relay.child.send({ type: "gc" });
  await gcAcked;
  globalThis.gc?.();
  const url = `${relay.origin}${relayPath(pair.id, config.profile, config.chunks, runId)}`;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const result = await runClient(pair.client, url);
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  await waitFor(runId, () => reports.has(runId));
  const report = reports.get(runId);
  reports.delete(runId);
  if (report === undefined) throw new Error("the relay sent no report");
  if (report.error !== undefined) throw new Error(`the relay failed: ${report.error}`);
  verifyText(pair.id, result, { chunks: config.chunks, mode: "burst", profile: config.profile });
  return {
    wallMs,
    firstTextMs: result.firstTextAt - startedAt,
    clientCpuUs: cpu.user + cpu.system,
    serverCpuUs: report.cpuUs,
    wireBytes: report.wireBytes,
    writes: report.writes,
  };
}

const results: PairResult[] = pairs.map((pair) => ({ ...pair, runs: [] }));
const failures: string[] = [];

async function round(timed: boolean, rotation: number): Promise<void> {
  for (let index = 0; index < results.length; index += 1) {
    // The order rotates from round to round, so that no pair always runs right after the same one.
    const result = results[(index + rotation) % results.length];
    if (result === undefined || result.error !== undefined) continue;
    try {
      const sample = await runOnce(result);
      if (timed) result.runs.push(sample);
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
      failures.push(`${result.id}: ${result.error}`);
    }
  }
}

log(`${config.chunks} ${config.profile} chunks; ${config.warmups} warm-up and ${config.runs} timed runs per pair`);
for (let warmup = 0; warmup < config.warmups; warmup += 1) await round(false, warmup);
for (let run = 0; run < config.runs; run += 1) {
  log(`run ${run + 1} of ${config.runs}`);
  await round(true, run);
}
if (options["relay-cpu-prof"] !== undefined) {
  // A normal exit (on disconnect) writes the profile; a kill would not.
  await new Promise<void>((done) => {
    relay.child.once("exit", () => done());
    relay.child.disconnect();
  });
}
await relay.stop();
await provider.stop();

const spread = (values: readonly number[]) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});
for (const result of results) {
  if (result.error !== undefined) continue;
  const perChunk = (values: number[]): number[] => values.map((value) => value / config.chunks);
  result.summary = {
    wallUsPerChunk: spread(perChunk(result.runs.map((run) => run.wallMs * 1000))),
    serverCpuUsPerChunk: spread(perChunk(result.runs.map((run) => run.serverCpuUs))),
    clientCpuUsPerChunk: spread(perChunk(result.runs.map((run) => run.clientCpuUs))),
    firstTextMs: spread(result.runs.map((run) => run.firstTextMs)),
    wireBytes: spread(result.runs.map((run) => run.wireBytes)),
    writes: spread(result.runs.map((run) => run.writes)),
  };
  for (const key of SUMMARY_KEYS) {
    const figure = result.summary[key];
    if (![figure.median, figure.min, figure.max].every(Number.isFinite))
      failures.push(`${result.id}: ${key} is not finite`);
  }
}
const baseline = results.find((result) => result.id === BASELINE)?.summary;
for (const result of results) {
  if (result.summary === undefined || baseline === undefined) continue;
  const { summary } = result;
  result.ratioToBaseline = Object.fromEntries(
    SUMMARY_KEYS.map((key) => [key, summary[key].median / baseline[key].median]),
  );
}

/** `median (min-max) ratio×`: the spread is of the runs, the ratio of the medians. */
function cell(result: PairResult, key: SummaryKey, digits: number): string {
  const figure = result.summary?.[key];
  if (figure === undefined) return "—";
  const ratio = result.ratioToBaseline?.[key];
  const range = `${formatNumber(figure.min, digits)}-${formatNumber(figure.max, digits)}`;
  return `${formatNumber(figure.median, digits)} (${range}) ${ratio === undefined ? "" : `${ratio.toFixed(2)}×`}`.trim();
}

const machine = machineInfo();
const lines = [
  `promptstream web bench (${config.name}) — node ${process.version}, ${machine.os}, ${machine.cpuCount} × ${machine.cpuModel}`,
  `${formatNumber(config.chunks, 0)} ${config.profile} chunks per stream: provider server (child) → @promptstream/provider-openai in the relay server (child) → loopback socket → client (this process)`,
  `each cell: median of ${config.runs} runs (lowest-highest) and the median's ratio to the baseline; wall = client's fetch to its last text; CPU = process.cpuUsage() user + system`,
  "",
  renderGrid(
    ["server → client", "wall µs/chunk", "relay CPU µs/chunk", "client CPU µs/chunk", "wire bytes", "writes"],
    results.map((result) =>
      result.error === undefined
        ? [
            result.label,
            cell(result, "wallUsPerChunk", 2),
            cell(result, "serverCpuUsPerChunk", 2),
            cell(result, "clientCpuUsPerChunk", 2),
            `${formatNumber(result.summary?.wireBytes.median ?? Number.NaN, 0)} ${result.ratioToBaseline?.wireBytes?.toFixed(2) ?? ""}×`,
            formatNumber(result.summary?.writes.median ?? Number.NaN, 0),
          ]
        : [result.label, `FAILED: ${result.error}`, "", "", "", ""],
    ),
  ),
  "",
  ...results.map((result) => `  ${result.label}: ${result.server}; client: ${result.client}`),
];
process.stdout.write(`${lines.join("\n")}\n`);

const output = {
  machine,
  config,
  method: {
    processes:
      "the loopback provider server (bench/src/server, burst: 64 KiB writes) and the relay server are child processes; the client is the orchestrator; on a 2-core machine the three share the cores",
    runs: `${config.warmups} untimed then ${config.runs} timed runs of every pair, interleaved, the order rotating each round; a full gc in the relay and the client before each run`,
    wall: "performance.now() in the client from fetch to the last text; ÷ chunks",
    relayCpu:
      "process.cpuUsage() (user + system) of the relay process from the request's arrival to the response's finish (includes the upstream request and the provider's parsing, the same for every pair but the raw SDK's); ÷ chunks",
    clientCpu: "process.cpuUsage() of the client process around the run; ÷ chunks",
    wireBytes: "the relay socket's bytesWritten for the response: status line, headers, chunked framing and body",
    writes: "res.write() calls for the response (counted by a wrapper the same for every pair)",
    check: "every client's text equals what the provider server served; event-stream clients' text() equals it too",
  },
  pairs: results,
  failures,
};
finishRun(outFile, output, failures, started);
