/**
 * The tool-call figure: streams of tool-call fragments, burst writes, one stream at a time; the
 * wall time from the call to the parsed calls, per scenario. The scenarios take turns run by run,
 * so that drift in the process spreads over all of them. Every stream's calls are checked.
 *
 * Unlike the throughput figure, no `gc()` before each run: a forced full collection lets V8 drop
 * the maps of the parsed events' shapes, and the optimised code built on them is deoptimised
 * ("weak objects") and recompiled in the next run. In a 10-50 ms stream that recompilation is a
 * large share of the time (promptstream on the Anthropic wire, 1 call × 2,000 fragments: 7 ms per
 * stream without, 19 ms with), and it measures the forced collection rather than the stream. Here
 * each run pays for the garbage it makes, as it would in an app.
 */
import type { BenchConfig, ToolScenarioKey } from "../config.js";
import type { RunToolStream } from "../consumers/tool-consumer.js";
import type { Wire } from "../scenario.js";
import { median } from "../stats.js";
import { type ToolScenario, toolArgs } from "../tool-scenario.js";
import { verifyToolCalls } from "../verify-tool-calls.js";

/** One scenario's figure. */
interface ToolScenarioFigure {
  readonly calls: number;
  readonly fragmentsPerCall: number;
  /** The UTF-8 bytes of one call's JSON arguments. */
  readonly argsBytesPerCall: number;
  /** Wall time per stream, from the call to the parsed calls, median of the runs. */
  readonly msPerStream: number;
  /** The same ÷ every fragment of the stream (calls × fragments per call). */
  readonly usPerFragment: number;
  /** Every measured run, in ms. */
  readonly runsMs: readonly number[];
}

/** One consumer's tool-call figure, per scenario. */
export type ToolCallsFigure = Readonly<Record<ToolScenarioKey, ToolScenarioFigure>>;

const KEYS: readonly ToolScenarioKey[] = ["oneCall", "parallel", "quarter", "base"];

function scenarioFigure(scenario: ToolScenario, runsMs: readonly number[]): ToolScenarioFigure {
  const ms = median(runsMs);
  return {
    calls: scenario.calls,
    fragmentsPerCall: scenario.fragments,
    argsBytesPerCall: Buffer.byteLength(JSON.stringify(toolArgs(scenario, 0))),
    msPerStream: ms,
    usPerFragment: (ms * 1000) / (scenario.calls * scenario.fragments),
    runsMs,
  };
}

/** Measures every tool scenario through one consumer, in this process. */
export async function measureToolCalls(
  consumerId: string,
  wire: Wire,
  prepare: (scenario: ToolScenario) => RunToolStream,
  config: BenchConfig["tools"],
): Promise<ToolCallsFigure> {
  const runs = KEYS.map((key) => ({ key, scenario: config.scenarios[key], run: prepare(config.scenarios[key]) }));
  const samples = new Map<ToolScenarioKey, number[]>(KEYS.map((key) => [key, []]));
  for (let index = 0; index < config.warmups + config.runs; index += 1) {
    for (const { key, scenario, run } of runs) {
      const started = performance.now();
      const calls = await run();
      const ms = performance.now() - started;
      verifyToolCalls(consumerId, wire, scenario, calls);
      if (index >= config.warmups) samples.get(key)?.push(ms);
    }
  }
  return figureOf(runs.map(({ key, scenario }) => ({ key, scenario, runsMs: samples.get(key) ?? [] })));
}

/** Pools the runs of the interleaved rounds (each a fresh process) and takes the medians again. */
export function combineToolCalls(rounds: readonly ToolCallsFigure[]): ToolCallsFigure {
  const [first] = rounds;
  if (first === undefined) throw new Error("no tool-call round to combine");
  return figureOf(
    KEYS.map((key) => ({
      key,
      scenario: { calls: first[key].calls, fragments: first[key].fragmentsPerCall },
      runsMs: rounds.flatMap((round) => round[key].runsMs),
    })),
  );
}

function figureOf(
  parts: ReadonlyArray<{
    readonly key: ToolScenarioKey;
    readonly scenario: ToolScenario;
    readonly runsMs: readonly number[];
  }>,
): ToolCallsFigure {
  const figure = (key: ToolScenarioKey): ToolScenarioFigure => {
    const part = parts.find((candidate) => candidate.key === key);
    if (part === undefined) throw new Error(`no ${key} tool-call scenario`);
    return scenarioFigure(part.scenario, part.runsMs);
  };
  return { oneCall: figure("oneCall"), parallel: figure("parallel"), quarter: figure("quarter"), base: figure("base") };
}
