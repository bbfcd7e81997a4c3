/** The sizes of the full benchmark and of the smoke run CI affords. */
import type { ToolScenario } from "./tool-scenario.js";

/**
 * The tool-call figure's streams: `oneCall` (one call, many fragments), `parallel` (several calls),
 * and for linearity `quarter` (`oneCall` with a quarter of its fragments, each of the same size)
 * and `base` (a few fragments: the fixed cost of a request, subtracted for the net ratio).
 */
export type ToolScenarioKey = "oneCall" | "parallel" | "quarter" | "base";

/** What one run measures, figure by figure. */
export interface BenchConfig {
  readonly name: "full" | "smoke";
  /**
   * Interleaved rounds: each round runs every consumer once, each in fresh child processes; the
   * figures below are per round, and the rounds' samples are pooled (see figures/combine.ts).
   */
  readonly rounds: number;
  /** One stream at a time, burst writes; median of `runs` after `warmups`. */
  readonly throughput: { readonly chunks: number; readonly warmups: number; readonly runs: number };
  /** Short streams one after another; median time to the first text. */
  readonly ttfc: { readonly streams: number; readonly chunks: number; readonly warmups: number };
  /**
   * `streams` at once, the server writing one event per 1 ms; median of `rounds` after `warmups`
   * rounds, then of `rounds` more, each after a forced full gc (see figures/paced.ts).
   */
  readonly paced: {
    readonly streams: number;
    readonly chunks: number;
    readonly warmups: number;
    readonly rounds: number;
  };
  /** `streams` at once, burst writes, in a fresh process; median wall time of `rounds`. */
  readonly concurrency: { readonly streams: number; readonly chunks: number; readonly rounds: number };
  /** Fresh `node` processes per import set; median. */
  readonly coldStart: { readonly runs: number };
  /** Tool-call streams, burst writes, one at a time; per scenario, median of `runs` after `warmups`. */
  readonly tools: {
    readonly warmups: number;
    readonly runs: number;
    readonly scenarios: Readonly<Record<ToolScenarioKey, ToolScenario>>;
  };
}

export const FULL: BenchConfig = {
  name: "full",
  rounds: 3,
  throughput: { chunks: 20_000, warmups: 2, runs: 3 },
  ttfc: { streams: 100, chunks: 5, warmups: 30 },
  paced: { streams: 10, chunks: 200, warmups: 3, rounds: 7 },
  concurrency: { streams: 200, chunks: 500, rounds: 1 },
  coldStart: { runs: 9 },
  tools: {
    warmups: 3,
    runs: 7,
    scenarios: {
      oneCall: { calls: 1, fragments: 2_000 },
      parallel: { calls: 8, fragments: 250 },
      quarter: { calls: 1, fragments: 500 },
      base: { calls: 1, fragments: 10 },
    },
  },
};

export const SMOKE: BenchConfig = {
  name: "smoke",
  rounds: 1,
  throughput: { chunks: 200, warmups: 1, runs: 3 },
  ttfc: { streams: 20, chunks: 5, warmups: 2 },
  paced: { streams: 3, chunks: 20, warmups: 1, rounds: 1 },
  concurrency: { streams: 5, chunks: 200, rounds: 1 },
  coldStart: { runs: 2 },
  tools: {
    warmups: 1,
    runs: 3,
    scenarios: {
      oneCall: { calls: 1, fragments: 200 },
      parallel: { calls: 8, fragments: 25 },
      quarter: { calls: 1, fragments: 50 },
      base: { calls: 1, fragments: 10 },
    },
  },
};

export function configByName(name: string): BenchConfig {
  if (name === "full") return FULL;
  if (name === "smoke") return SMOKE;
  throw new Error(`unknown config ${name}`);
}
