/**
 * Concurrency: many streams at once, burst writes, in a fresh process per consumer. Wall time
 * is the median of the rounds; memory is the peak RSS over the rounds minus the RSS just
 * before them (after warm-up and gc), per stream.
 *
 * Peak RSS says as much about V8's heap sizing as about the streams (garbage waiting for a
 * collection, heap growth that follows the allocation rate), so one more round measures what
 * the open streams hold: every 10 ms a full collection, then the heap and external memory in
 * use; the peak over the round, minus the same before it, per stream. It is not timed.
 */
import type { BenchConfig } from "../config.js";
import type { RunStream } from "../consumers/consumer.js";
import type { Scenario, TextProfile } from "../scenario.js";
import { median } from "../stats.js";
import { verifyText } from "../verify.js";
import type { ConcurrencyFigure } from "./figures.js";

export async function measureConcurrency(
  consumerId: string,
  prepare: (scenario: Scenario) => RunStream,
  config: BenchConfig["concurrency"],
  profile: TextProfile,
): Promise<ConcurrencyFigure> {
  const scenario: Scenario = { chunks: config.chunks, mode: "burst", profile };
  const run = prepare(scenario);
  // Warm-up: a few streams one by one, so the code is compiled without raising the peak much.
  for (let index = 0; index < 3; index += 1) verifyText(consumerId, await run(), scenario);
  globalThis.gc?.();
  globalThis.gc?.();

  const rssBefore = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let sampledPeak = rssBefore;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 2);

  const wallMs: number[] = [];
  try {
    for (let round = 0; round < config.rounds; round += 1) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: config.streams }, () => run()));
      wallMs.push(performance.now() - started);
      sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
      for (const result of results) verifyText(consumerId, result, scenario);
    }
  } finally {
    clearInterval(sampler);
  }

  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const liveKibPerStream = await measureLiveMemory(consumerId, run, scenario, config.streams);
  const fromKernel = maxRssAfter > maxRssBefore;
  const peak = fromKernel ? maxRssAfter : sampledPeak;
  return {
    streams: config.streams,
    chunksPerStream: config.chunks,
    wallMs: median(wallMs),
    peakRssKibPerStream: Math.max(0, peak - rssBefore) / 1024 / config.streams,
    peakRssSource: fromKernel ? "maxRSS" : "sampled",
    liveKibPerStream,
  };
}

function inUse(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** The peak of heap + external memory in use while the streams run, each sample right after a full gc; KiB per stream. */
async function measureLiveMemory(
  consumerId: string,
  run: RunStream,
  scenario: Scenario,
  streams: number,
): Promise<number> {
  const gc = globalThis.gc;
  if (gc === undefined) return Number.NaN;
  gc();
  gc();
  const before = inUse();
  let peak = before;
  let running = true;
  const sampling = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (!running) return;
      gc();
      peak = Math.max(peak, inUse());
    }
  })();
  try {
    const results = await Promise.all(Array.from({ length: streams }, () => run()));
    for (const result of results) verifyText(consumerId, result, scenario);
  } finally {
    running = false;
    await sampling;
  }
  return Math.max(0, peak - before) / 1024 / streams;
}
