/**
 * Paced: the server writes one event every 1 ms to several streams at once; the figure is the
 * client's CPU time (process.cpuUsage, user + system) per text chunk. The server runs in
 * another process, so none of its CPU is counted.
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
  const cpu: number[] = [];
  const wall: number[] = [];
  // One warm-up round, then the measured ones.
  for (let round = 0; round <= config.rounds; round += 1) {
    globalThis.gc?.();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: config.streams }, () => run()));
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuBefore);
    for (const result of results) verifyText(consumerId, result, scenario);
    if (round === 0) continue;
    cpu.push((used.user + used.system) / (config.streams * config.chunks));
    wall.push(elapsed);
  }
  return {
    streams: config.streams,
    chunksPerStream: config.chunks,
    cpuUsPerChunk: median(cpu),
    roundsCpuUsPerChunk: cpu,
    wallMs: median(wall),
  };
}
