/** The structured-output figure's sizes, the task a child runs, and what it answers. */
import type { StructuredScenario } from "./documents.js";

export interface StructuredConfig {
  readonly name: "full" | "smoke";
  /** In order of size within each kind: a consumer's time at one size projects its time at the next. */
  readonly scenarios: readonly StructuredScenario[];
  /** Rounds: the consumers that had warm runs run again (in fresh processes), and their samples are pooled. */
  readonly rounds: number;
  /** A run that takes longer stops: the consumer is skipped at that size (and at larger ones). */
  readonly limitMs: number;
  /** The timed runs stop once they took this long together (at least one is made). */
  readonly budgetMs: number;
  /** Warm-up runs, for this long, before the timed ones (none for a consumer slower than the budget). */
  readonly warmUpMs: number;
}

export const STRUCTURED_FULL: StructuredConfig = {
  name: "full",
  rounds: 2,
  scenarios: [
    { id: "object-50k", kind: "object", chars: 50_000, runs: 15 },
    { id: "records-5k", kind: "records", chars: 5_000, runs: 31 },
    { id: "records-50k", kind: "records", chars: 50_000, runs: 15 },
    { id: "records-200k", kind: "records", chars: 200_000, runs: 9 },
    { id: "records-2m", kind: "records", chars: 2_000_000, runs: 7 },
  ],
  limitMs: 8_000,
  budgetMs: 3_000,
  warmUpMs: 600,
};

export const STRUCTURED_SMOKE: StructuredConfig = {
  name: "smoke",
  rounds: 1,
  scenarios: [
    { id: "object-10k", kind: "object", chars: 10_000, runs: 3 },
    { id: "records-5k", kind: "records", chars: 5_000, runs: 3 },
    { id: "records-20k", kind: "records", chars: 20_000, runs: 3 },
  ],
  limitMs: 1_500,
  budgetMs: 300,
  warmUpMs: 150,
};

export interface StructuredTask {
  readonly consumerId: string;
  readonly fragmentsFile: string;
  readonly parserModule: string;
  readonly runs: number;
  readonly limitMs: number;
  readonly budgetMs: number;
  readonly warmUpMs: number;
}

/** One consumer × one document. */
export interface StructuredFigure {
  /** CPU time (user + system) of each timed run, ms. */
  readonly cpuMs: readonly number[];
  readonly wallMs: readonly number[];
  /** How many of those were warm runs (0: the first run, too slow to repeat, is the only sample). */
  readonly warmRuns: number;
  /** CPU time of the first run (cold: the code not yet optimised), ms. */
  readonly coldCpuMs: number;
  /** Peak RSS during the first run, less RSS before it (after gc). */
  readonly peakRssBytes: number;
  readonly peakRssSource: "maxRSS" | "samples";
  /** Heap (used + external) that the final value holds, after gc. */
  readonly retainedBytes: number;
  /** Partial values made in the first run (snapshots taken, parses, values yielded). */
  readonly partials: number;
  /** With several rounds: each round's figure (pooled above). */
  readonly rounds?: readonly Omit<StructuredFigure, "rounds">[];
}

export type StructuredReply =
  | { readonly ok: true; readonly figure: StructuredFigure }
  | { readonly ok: true; readonly skipped: string }
  | { readonly ok: false; readonly error: string };
