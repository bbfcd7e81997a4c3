/** Time to first chunk: short streams one after another; from the call to the first non-empty text. */
import type { BenchConfig } from "../config.js";
import type { RunStream } from "../consumers/consumer.js";
import type { Scenario, TextProfile } from "../scenario.js";
import { median, quantile } from "../stats.js";
import { verifyText } from "../verify.js";
import type { TtfcFigure } from "./figures.js";

export async function measureTtfc(
  consumerId: string,
  prepare: (scenario: Scenario) => RunStream,
  config: BenchConfig["ttfc"],
  profile: TextProfile,
): Promise<TtfcFigure> {
  const scenario: Scenario = { chunks: config.chunks, mode: "burst", profile };
  const run = prepare(scenario);
  const samples: number[] = [];
  for (let index = 0; index < config.warmups + config.streams; index += 1) {
    const started = performance.now();
    const result = await run();
    verifyText(consumerId, result, scenario);
    if (index >= config.warmups) samples.push(result.firstTextAt - started);
  }
  return { streams: config.streams, medianMs: median(samples), p90Ms: quantile(samples, 0.9), samplesMs: samples };
}
