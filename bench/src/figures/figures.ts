/** The figures one consumer produces. */

export interface ThroughputFigure {
  readonly chunks: number;
  readonly chunksPerSecond: number;
  readonly usPerChunk: number;
  /** Every measured run, in ms. */
  readonly runsMs: readonly number[];
}

export interface TtfcFigure {
  readonly streams: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  /** Every stream's time to first text, in ms. */
  readonly samplesMs: readonly number[];
}

export interface PacedFigure {
  readonly streams: number;
  readonly chunksPerStream: number;
  /** Client CPU (user + system) per text chunk in the steady state (rounds back to back, after warm-up), median of the rounds. */
  readonly cpuUsPerChunk: number;
  /** The same for each measured round. */
  readonly roundsCpuUsPerChunk: readonly number[];
  /** The same, each round right after a forced full gc (see figures/paced.ts), median of the rounds. */
  readonly afterGcCpuUsPerChunk: number;
  readonly roundsAfterGcCpuUsPerChunk: readonly number[];
  /** Wall time of a round: bounded below by the server's 1 ms pacing. */
  readonly wallMs: number;
}

export interface ConcurrencyFigure {
  readonly streams: number;
  readonly chunksPerStream: number;
  readonly wallMs: number;
  /** (peak RSS during the runs − RSS just before them) ÷ streams, in KiB. */
  readonly peakRssKibPerStream: number;
  /** `maxRSS` when the kernel's peak rose during the runs, else the peak of 2 ms samples. */
  readonly peakRssSource: "maxRSS" | "sampled";
  /** Heap + external memory in use (sampled right after a full gc) at its peak during one more round, minus before it, ÷ streams, in KiB. */
  readonly liveKibPerStream: number;
}

export interface ColdStartFigure {
  readonly imports: readonly string[];
  /** Import time, median. */
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  /** Import time plus the first text of a first stream (5 chunks), median. */
  readonly firstChunkMedianMs: number;
}

export interface StreamFigures {
  readonly throughput: ThroughputFigure;
  readonly ttfc: TtfcFigure;
  readonly paced: PacedFigure;
}
