/**
 * Paced: the server writes one event every 1 ms to several streams at once; the figure is the
 * client's CPU time (process.cpuUsage, user + system, every thread of the process) per text
 * chunk. The server runs in another process, so none of its CPU is counted.
 *
 * Two figures. `cpuUsPerChunk` is the steady state a server streaming all day is in: one full
 * collection before the warm-up rounds, then rounds back to back, each paying for its own
 * garbage. `afterGcCpuUsPerChunk` is the same rounds each right after a forced full collection
 * (the figure's method until issue 20): with no stream open, that collection frees the hidden
 * classes of every per-stream object, V8 throws away the optimised code that was built on them,
 * and the round pays for compiling it again on its background threads (`--trace-deopt` shows
 * 27-44 "weak objects" deoptimisations per 5 rounds for every consumer, the floor included).
 * It says how much code a consumer runs per chunk more than what that code costs once compiled.
 */
import type { BenchConfig } from "../config.js";
import type { RunStream } from "../consumers/consumer.js";
import type { Scenario, TextProfile } from "../scenario.js";
import { median } from "../stats.js";
import { verifyText } from "../verify.js";
import type { PacedFigure } from "./figures.js";

export async function measurePaced(
  consumerId: string,
  prepare: (scenario: Scenario) => RunStream,
  config: BenchConfig["paced"],
  profile: TextProfile,
): Promise<PacedFigure> {
  const scenario: Scenario = { chunks: config.chunks, mode: "paced", profile };
  const run = prepare(scenario);
  const round = async (): Promise<{ readonly cpu: number; readonly wall: number }> => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: config.streams }, () => run()));
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpuBefore);
    for (const result of results) verifyText(consumerId, result, scenario);
    return { cpu: (used.user + used.system) / (config.streams * config.chunks), wall };
  };

  globalThis.gc?.();
  for (let warmup = 0; warmup < config.warmups; warmup += 1) await round();
  const steady: number[] = [];
  const wall: number[] = [];
  for (let index = 0; index < config.rounds; index += 1) {
    const measured = await round();
    steady.push(measured.cpu);
    wall.push(measured.wall);
  }
  const afterGc: number[] = [];
  for (let index = 0; index < config.rounds; index += 1) {
    globalThis.gc?.();
    afterGc.push((await round()).cpu);
  }
  return {
    streams: config.streams,
    chunksPerStream: config.chunks,
    cpuUsPerChunk: median(steady),
    roundsCpuUsPerChunk: steady,
    afterGcCpuUsPerChunk: median(afterGc),
    roundsAfterGcCpuUsPerChunk: afterGc,
    wallMs: median(wall),
  };
}
