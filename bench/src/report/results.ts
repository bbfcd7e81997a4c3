/** The shape of bench/results/*.json, and the per-consumer summary the tables show. */
import type { ConsumerRole } from "../consumers/consumer.js";
import type { ColdStartFigure, ConcurrencyFigure, StreamFigures } from "../figures/figures.js";
import type { SizeFigure } from "../figures/size.js";
import type { Wire } from "../scenario.js";
import type { MachineInfo } from "./machine.js";
import type { ToolConsumerResult } from "./tool-results.js";

/** The figures of the tables, one number each. */
export const FIGURE_KEYS = [
  "chunksPerSecond",
  "usPerChunk",
  "ttfcMs",
  "pacedCpuUsPerChunk",
  "concurrencyWallMs",
  "concurrencyPeakRssKibPerStream",
  "concurrencyLiveKibPerStream",
  "coldStartMs",
  "coldFirstChunkMs",
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type FigureSummary = Record<FigureKey, number>;

export interface ConsumerResult {
  readonly id: string;
  readonly wire: Wire;
  readonly role: ConsumerRole;
  readonly label: string;
  readonly libraries: string;
  readonly error?: string;
  readonly figures?: StreamFigures & { readonly concurrency: ConcurrencyFigure; readonly coldStart: ColdStartFigure };
  readonly summary?: FigureSummary;
  /** Each figure ÷ the same figure of the raw vendor SDK of this wire format. */
  readonly ratioToRawSdk?: Partial<FigureSummary>;
}

export interface BenchResults {
  readonly config: string;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly method: Readonly<Record<string, string>>;
  readonly consumers: readonly ConsumerResult[];
  /** The tool-call figure, per tool consumer. */
  readonly tools: readonly ToolConsumerResult[];
  readonly sizes: readonly SizeFigure[];
  readonly failures: readonly string[];
}

export function summarise(figures: NonNullable<ConsumerResult["figures"]>): FigureSummary {
  return {
    chunksPerSecond: figures.throughput.chunksPerSecond,
    usPerChunk: figures.throughput.usPerChunk,
    ttfcMs: figures.ttfc.medianMs,
    pacedCpuUsPerChunk: figures.paced.cpuUsPerChunk,
    concurrencyWallMs: figures.concurrency.wallMs,
    concurrencyPeakRssKibPerStream: figures.concurrency.peakRssKibPerStream,
    concurrencyLiveKibPerStream: figures.concurrency.liveKibPerStream,
    coldStartMs: figures.coldStart.medianMs,
    coldFirstChunkMs: figures.coldStart.firstChunkMedianMs,
  };
}

export function ratios(summary: FigureSummary, raw: FigureSummary | undefined): Partial<FigureSummary> {
  if (raw === undefined) return {};
  const result: Partial<FigureSummary> = {};
  for (const key of FIGURE_KEYS) {
    const ratio = summary[key] / raw[key];
    if (Number.isFinite(ratio)) result[key] = ratio;
  }
  return result;
}
