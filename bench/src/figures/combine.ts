/**
 * Combines the figures of the interleaved rounds: every consumer is measured once per round, in
 * a fresh child process each time, so that drift on a shared machine spreads over all of them
 * instead of favouring whoever ran in a quiet minute. Samples are pooled where the figure keeps
 * them (throughput runs, time-to-first-chunk streams, paced rounds); per-process figures
 * (concurrency) take the median across processes.
 */
import { median, quantile } from "../stats.js";
import type { ConcurrencyFigure, StreamFigures } from "./figures.js";

export function combineStreamFigures(rounds: readonly StreamFigures[]): StreamFigures {
  const first = rounds[0];
  if (first === undefined) throw new Error("no round to combine");
  const runsMs = rounds.flatMap((round) => round.throughput.runsMs);
  const ms = median(runsMs);
  const chunks = first.throughput.chunks;
  const ttfcSamples = rounds.flatMap((round) => round.ttfc.samplesMs);
  const pacedRounds = rounds.flatMap((round) => round.paced.roundsCpuUsPerChunk);
  const pacedAfterGcRounds = rounds.flatMap((round) => round.paced.roundsAfterGcCpuUsPerChunk);
  return {
    throughput: { chunks, chunksPerSecond: chunks / (ms / 1000), usPerChunk: (ms * 1000) / chunks, runsMs },
    ttfc: {
      streams: ttfcSamples.length,
      medianMs: median(ttfcSamples),
      p90Ms: quantile(ttfcSamples, 0.9),
      samplesMs: ttfcSamples,
    },
    paced: {
      streams: first.paced.streams,
      chunksPerStream: first.paced.chunksPerStream,
      cpuUsPerChunk: median(pacedRounds),
      roundsCpuUsPerChunk: pacedRounds,
      afterGcCpuUsPerChunk: median(pacedAfterGcRounds),
      roundsAfterGcCpuUsPerChunk: pacedAfterGcRounds,
      wallMs: median(rounds.map((round) => round.paced.wallMs)),
    },
  };
}

export function combineConcurrency(processes: readonly ConcurrencyFigure[]): ConcurrencyFigure {
  const first = processes[0];
  if (first === undefined) throw new Error("no concurrency figure to combine");
  return {
    streams: first.streams,
    chunksPerStream: first.chunksPerStream,
    wallMs: median(processes.map((figure) => figure.wallMs)),
    peakRssKibPerStream: median(processes.map((figure) => figure.peakRssKibPerStream)),
    peakRssSource: processes.every((figure) => figure.peakRssSource === "maxRSS") ? "maxRSS" : "sampled",
    liveKibPerStream: median(processes.map((figure) => figure.liveKibPerStream)),
  };
}
