/** The shape of bench/results/*.json, and the per-consumer summary the tables show. */
import type { ConsumerRole } from "../consumers/consumer.js";
import type { ColdStartFigure, ConcurrencyFigure, StreamFigures } from "../figures/figures.js";
import type { SizeFigure } from "../figures/size.js";
import { chunkText, type TextProfile, type Wire } from "../scenario.js";
import type { MachineInfo } from "./machine.js";
import type { TargetResult } from "./targets.js";
import type { ToolConsumerResult } from "./tool-results.js";

/** The figures of the tables, one number each. */
const FIGURE_KEYS = [
  "chunksPerSecond",
  "usPerChunk",
  "ttfcMs",
  "pacedCpuUsPerChunk",
  "pacedAfterGcCpuUsPerChunk",
  "concurrencyWallMs",
  "concurrencyPeakRssKibPerStream",
  "concurrencyLiveKibPerStream",
  "coldStartMs",
  "coldFirstChunkMs",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
/** Cold start is measured once per consumer (on the english profile), not per text profile. */
type ColdStartKey = "coldStartMs" | "coldFirstChunkMs";
/** The figures measured on every text profile. */
const PROFILE_FIGURE_KEYS = FIGURE_KEYS.filter(
  (key): key is Exclude<FigureKey, ColdStartKey> => key !== "coldStartMs" && key !== "coldFirstChunkMs",
);
/** One number per figure; the cold-start ones only in the english profile's rows. */
export type FigureSummary = Record<Exclude<FigureKey, ColdStartKey>, number> & Partial<Record<ColdStartKey, number>>;

/** The figures a row of this profile must have. */
export function figureKeysOf(profile: TextProfile): readonly FigureKey[] {
  return profile === "english" ? FIGURE_KEYS : PROFILE_FIGURE_KEYS;
}

/** One consumer on one text profile: the JSON has a row per consumer × profile. */
export interface ConsumerResult {
  readonly id: string;
  readonly wire: Wire;
  readonly profile: TextProfile;
  readonly role: ConsumerRole;
  readonly label: string;
  readonly libraries: string;
  readonly error?: string;
  readonly figures?: StreamFigures & { readonly concurrency: ConcurrencyFigure; readonly coldStart?: ColdStartFigure };
  readonly summary?: FigureSummary;
  /** Each figure ÷ the same figure of the raw vendor SDK of this wire format, on the same profile. */
  readonly ratioToRawSdk?: Partial<FigureSummary>;
}

export interface BenchResults {
  readonly config: string;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly method: Readonly<Record<string, string>>;
  /** The text profiles' deltas: UTF-8 bytes per delta, and the share of deltas that are not ASCII. */
  readonly profiles: readonly TextProfileInfo[];
  /** One row per consumer × text profile. */
  readonly consumers: readonly ConsumerResult[];
  /** promptstream's targets, per wire format and profile. */
  readonly targets: readonly TargetResult[];
  /** The tool-call figure, per tool consumer. */
  readonly tools: readonly ToolConsumerResult[];
  readonly sizes: readonly SizeFigure[];
  readonly failures: readonly string[];
}

/** What a text profile's deltas are like, over a stream of `chunks`. */
export interface TextProfileInfo {
  readonly profile: TextProfile;
  readonly bytesPerDelta: number;
  readonly nonAsciiShare: number;
}

/** Bytes per delta and the non-ASCII share of the first `chunks` deltas of `profile`. */
export function textProfileInfo(profile: TextProfile, chunks: number): TextProfileInfo {
  let bytes = 0;
  let nonAscii = 0;
  for (let index = 0; index < chunks; index += 1) {
    const text = chunkText(profile, index);
    const length = Buffer.byteLength(text);
    bytes += length;
    if (length !== text.length) nonAscii += 1;
  }
  return { profile, bytesPerDelta: bytes / chunks, nonAsciiShare: nonAscii / chunks };
}

export function summarise(figures: NonNullable<ConsumerResult["figures"]>): FigureSummary {
  const cold = figures.coldStart;
  const summary = {
    chunksPerSecond: figures.throughput.chunksPerSecond,
    usPerChunk: figures.throughput.usPerChunk,
    ttfcMs: figures.ttfc.medianMs,
    pacedCpuUsPerChunk: figures.paced.cpuUsPerChunk,
    pacedAfterGcCpuUsPerChunk: figures.paced.afterGcCpuUsPerChunk,
    concurrencyWallMs: figures.concurrency.wallMs,
    concurrencyPeakRssKibPerStream: figures.concurrency.peakRssKibPerStream,
    concurrencyLiveKibPerStream: figures.concurrency.liveKibPerStream,
  };
  return cold === undefined
    ? summary
    : { ...summary, coldStartMs: cold.medianMs, coldFirstChunkMs: cold.firstChunkMedianMs };
}

export function ratios(summary: FigureSummary, raw: FigureSummary | undefined): Partial<FigureSummary> {
  if (raw === undefined) return {};
  const result: Partial<FigureSummary> = {};
  for (const key of FIGURE_KEYS) {
    const value = summary[key];
    const rawValue = raw[key];
    if (value === undefined || rawValue === undefined) continue;
    const ratio = value / rawValue;
    if (Number.isFinite(ratio)) result[key] = ratio;
  }
  return result;
}
