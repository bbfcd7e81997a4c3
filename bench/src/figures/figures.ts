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
}

export interface PacedFigure {
  readonly streams: number;
  readonly chunksPerStream: number;
  /** Client CPU (user + system) per text chunk, median of the rounds. */
  readonly cpuUsPerChunk: number;
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
}

export interface ColdStartFigure {
  readonly imports: readonly string[];
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

export interface StreamFigures {
  readonly throughput: ThroughputFigure;
  readonly ttfc: TtfcFigure;
  readonly paced: PacedFigure;
}
