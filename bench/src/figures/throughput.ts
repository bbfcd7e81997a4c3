/**
 * Throughput: one long stream at a time, burst writes; median of the runs after warm-ups. One
 * full gc before the warm-ups, none between runs: a forced full gc with no stream open frees the
 * hidden classes of every per-stream object, V8 then throws away the optimised code built on them,
 * and the next 50 ms run would measure its recompilation (see figures/paced.ts) rather than the
 * stream. Each run pays for its own garbage instead.
 */
import type { BenchConfig } from "../config.js";
import type { RunStream } from "../consumers/consumer.js";
import type { Scenario, TextProfile } from "../scenario.js";
import { median } from "../stats.js";
import { verifyText } from "../verify.js";
import type { ThroughputFigure } from "./figures.js";

export async function measureThroughput(
  consumerId: string,
  prepare: (scenario: Scenario) => RunStream,
  config: BenchConfig["throughput"],
  profile: TextProfile,
): Promise<ThroughputFigure> {
  const scenario: Scenario = { chunks: config.chunks, mode: "burst", profile };
  const run = prepare(scenario);
  const runsMs: number[] = [];
  globalThis.gc?.();
  for (let index = 0; index < config.warmups + config.runs; index += 1) {
    const started = performance.now();
    const result = await run();
    const ms = performance.now() - started;
    verifyText(consumerId, result, scenario);
    if (index >= config.warmups) runsMs.push(ms);
  }
  const ms = median(runsMs);
  return {
    chunks: config.chunks,
    chunksPerSecond: config.chunks / (ms / 1000),
    usPerChunk: (ms * 1000) / config.chunks,
    runsMs,
  };
}
