/**
 * The middleware figure: what no middleware, one no-op observer, one pass-through `wrapStream`, a
 * usage meter and a price table cost, side by side, per chunk and per call.
 *
 *   node --expose-gc bench/dist/middleware/main.js           the full run  -> bench/results/middleware.json
 *   node --expose-gc bench/dist/middleware/main.js --smoke   a small run   -> bench/results/middleware-smoke.json
 *   options: --out <file>,
 *            --baseline <checkout> (also runs "no middleware" on packages/core and packages/provider-openai
 *            of another built checkout, e.g. the commit before middleware, interleaved with the others)
 *
 * Core alone streams from an in-memory adapter; the wire figure streams OpenAI Chat Completions from
 * the bench's loopback server (a child process) through the openai SDK. Exits non-zero when a
 * variant fails (an error, or a text of the wrong length).
 */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { finishRun } from "../report/finish-run.js";
import { machineInfo } from "../report/machine.js";
import { formatNumber, renderGrid } from "../report/table.js";
import { expectedText } from "../scenario.js";
import { startServer } from "../server/start-server.js";
import { quantile } from "../stats.js";
import { coreFigure, type Figure, type PromptFactory, type ReadyVariant, wireFigure } from "./figures.js";
import { MIDDLEWARE_FULL, MIDDLEWARE_SMOKE } from "./middleware-config.js";
import { type CoreModule, VARIANTS } from "./variants.js";

const { values: options } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    out: { type: "string" },
    baseline: { type: "string" },
  },
});

const config = options.smoke ? MIDDLEWARE_SMOKE : MIDDLEWARE_FULL;
const outFile = resolve(
  options.out ??
    new URL(`../../results/${options.smoke ? "middleware-smoke" : "middleware"}.json`, import.meta.url).pathname,
);
const started = Date.now();
const log = (message: string): void => {
  process.stderr.write(`[middleware ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
};

/** Core and the OpenAI provider: this workspace's, or another built checkout's. */
async function load(checkout: string | undefined): Promise<{ core: CoreModule; OpenAIPrompt: PromptFactory }> {
  const from = (path: string) => import(pathToFileURL(join(checkout ?? "", path)).href);
  const core = checkout === undefined ? await import("@promptstream/core") : await from("packages/core/dist/index.js");
  const openai =
    checkout === undefined
      ? await import("@promptstream/provider-openai")
      : await from("packages/provider-openai/dist/index.js");
  return { core: core as unknown as CoreModule, OpenAIPrompt: openai.OpenAIPrompt as unknown as PromptFactory };
}

/** A checkout's last commit, short. */
function commitOf(checkout: string): string {
  try {
    const line = execFileSync("git", ["-C", checkout, "log", "-1", "--format=%h %s"], { encoding: "utf8" }).trim();
    return line.length > 72 ? `${line.slice(0, 71)}…` : line;
  } catch {
    return "unknown commit";
  }
}

const workspace = resolve(new URL("../../..", import.meta.url).pathname);
const current = await load(undefined);
const variants: ReadyVariant[] = VARIANTS.flatMap((variant) => {
  const streamOptions = variant.options(current.core);
  return streamOptions === undefined ? [] : [{ ...variant, streamOptions, ...current }];
});
const baselineCheckout = options.baseline === undefined ? undefined : resolve(options.baseline);
if (baselineCheckout !== undefined) {
  const sha = commitOf(baselineCheckout).split(" ")[0] ?? "?";
  variants.splice(1, 0, {
    id: "baseline-none",
    label: `promptstream at ${sha} (--baseline), no middleware`,
    options: () => ({}),
    streamOptions: {},
    ...(await load(baselineCheckout)),
  });
}
log(`packages at ${commitOf(workspace)}; variants: ${variants.map((v) => v.id).join(", ")}`);

const failures: string[] = [];
async function attempt<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

log(`core: ${config.perChunk.callsPerSample} streams of ${config.perChunk.textChunks} chunks per sample`);
const perChunkCall = await attempt("core per chunk", () => coreFigure(variants, config.perChunk, config.core));
log(`core: ${config.perCall.callsPerSample} streams of ${config.perCall.textChunks} chunk per sample`);
const perCall = await attempt("core per call", () => coreFigure(variants, config.perCall, config.core));
log(`OpenAI Chat Completions: ${config.wire.chunks} chunks per stream over the loopback server`);
const server = await startServer();
const wire = await attempt("openai wire", () =>
  wireFigure(
    {
      origin: server.origin,
      chunks: config.wire.chunks,
      expectedLength: expectedText("english", config.wire.chunks).length,
    },
    variants,
    config.wire,
  ),
);
await server.stop();

// Per chunk: a whole stream's time over its chunks (text, finish and usage chunks).
const chunksPerStream = config.perChunk.textChunks + 2;
const scale = (figure: Figure | undefined, by: number): Figure | undefined =>
  figure === undefined
    ? undefined
    : {
        median: figure.median / by,
        min: figure.min / by,
        max: figure.max / by,
        samples: figure.samples.map((value) => value / by),
      };
const results = variants.map((variant) => ({
  id: variant.id,
  label: variant.label,
  coreUsPerChunk: scale(perChunkCall?.get(variant.id), chunksPerStream),
  coreUsPerCall: perCall?.get(variant.id),
  wireCpuUsPerChunk: wire?.get(variant.id),
}));
for (const result of results) {
  for (const key of ["coreUsPerChunk", "coreUsPerCall", "wireCpuUsPerChunk"] as const) {
    const figure = result[key];
    if (figure !== undefined && ![figure.median, figure.min, figure.max].every(Number.isFinite)) {
      failures.push(`${result.id}: ${key} is not finite`);
    }
  }
}

/**
 * The difference to no middleware, round by round (each round runs every variant once, close
 * together): its median, and its 25th and 75th percentiles, which show whether it stands out from 0.
 */
function pairedDelta(figure: Figure | undefined, baseline: Figure | undefined) {
  if (figure === undefined || baseline === undefined || figure === baseline) return undefined;
  const deltas = figure.samples.map((value, round) => value - (baseline.samples[round] ?? Number.NaN));
  return { median: quantile(deltas, 0.5), p25: quantile(deltas, 0.25), p75: quantile(deltas, 0.75) };
}

const none = results.find((result) => result.id === "none");
const withDeltas = results.map((result) => ({
  ...result,
  deltaUsPerChunk: pairedDelta(result.coreUsPerChunk, none?.coreUsPerChunk),
  deltaUsPerCall: pairedDelta(result.coreUsPerCall, none?.coreUsPerCall),
  deltaWireCpuUsPerChunk: pairedDelta(result.wireCpuUsPerChunk, none?.wireCpuUsPerChunk),
}));
function cell(figure: Figure | undefined, delta: ReturnType<typeof pairedDelta>, digits: number): string {
  if (figure === undefined) return "—";
  const value = formatNumber(figure.median, digits);
  if (delta === undefined) return value;
  const signed = (x: number) => `${x >= 0 ? "+" : ""}${formatNumber(x, digits)}`;
  return `${value}  Δ ${signed(delta.median)} [${signed(delta.p25)}, ${signed(delta.p75)}]`;
}
const machine = machineInfo();
const lines = [
  `promptstream middleware bench (${config.name}) — node ${process.version}, ${machine.os}, ${machine.cpuCount} × ${machine.cpuModel}`,
  `packages at ${commitOf(workspace)}${baselineCheckout === undefined ? "" : `; baseline at ${commitOf(baselineCheckout)}`}`,
  `each cell: the median of ${config.core.samples} samples (core) or ${config.wire.samples} streams (wire), then Δ: the difference to no middleware taken round by round, its median [25th, 75th percentile]`,
  "",
  renderGrid(
    [
      "variant",
      `core µs/chunk (${config.perChunk.textChunks}-chunk streams)`,
      "core µs/call (1-chunk streams)",
      `OpenAI wire CPU µs/chunk (${config.wire.chunks}-chunk stream)`,
    ],
    withDeltas.map((result) => [
      result.label,
      cell(result.coreUsPerChunk, result.deltaUsPerChunk, 3),
      cell(result.coreUsPerCall, result.deltaUsPerCall, 2),
      cell(result.wireCpuUsPerChunk, result.deltaWireCpuUsPerChunk, 3),
    ]),
  ),
];
process.stdout.write(`${lines.join("\n")}\n`);

finishRun(
  outFile,
  {
    machine,
    config,
    commit: commitOf(workspace),
    baselineCommit: baselineCheckout === undefined ? undefined : commitOf(baselineCheckout),
    method: {
      core: "an in-memory adapter (chunks made once, one resolved promise each): core's own work; performance.now() around a sample of sequential streams (the main thread's time; no gc forced between samples: a variant's garbage is counted); a new prompt instance per stream",
      coreUsPerChunk: `µs per stream of ${config.perChunk.textChunks} one-character chunks (plus a finish and a usage chunk) ÷ ${chunksPerStream}`,
      coreUsPerCall:
        "µs per stream of one one-character chunk (plus a finish and a usage chunk): the fixed cost of a call",
      wire: "OpenAI Chat Completions SSE from the bench's loopback server (a child process, burst writes) through @promptstream/provider-openai and the openai SDK; process.cpuUsage() of this process around one stream ÷ chunks",
      rounds:
        "variants interleaved, the order rotating each round; untimed warm-up rounds first; a full gc before each wire sample",
    },
    variants: withDeltas,
    failures,
  },
  failures,
  started,
);
