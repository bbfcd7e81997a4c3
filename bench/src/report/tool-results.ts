/** The tool-call figure in bench/results/*.json, and the per-consumer summary its tables show. */
import type { ConsumerRole } from "../consumers/consumer.js";
import type { ToolConsumerInfo } from "../consumers/tool-consumer.js";
import { combineToolCalls, type ToolCallsFigure } from "../figures/tool-calls.js";
import type { Wire } from "../scenario.js";
import { librariesOf } from "./libraries.js";

/** The tool-call figures of the tables, one number each. */
export const TOOL_FIGURE_KEYS = [
  "oneCallMs",
  "oneCallUsPerFragment",
  "parallelMs",
  "parallelUsPerFragment",
  "linearity",
  "linearityNet",
] as const;
type ToolFigureKey = (typeof TOOL_FIGURE_KEYS)[number];
/** One number per tool-call figure. */
export type ToolSummary = Record<ToolFigureKey, number>;

/** The figures that have a ratio to the raw SDK: times, not the linearity ratios. */
const RATIO_KEYS: readonly ToolFigureKey[] = [
  "oneCallMs",
  "oneCallUsPerFragment",
  "parallelMs",
  "parallelUsPerFragment",
];

/** One tool consumer's entry in the JSON's `tools`. */
export interface ToolConsumerResult {
  readonly id: string;
  readonly wire: Wire;
  readonly role: ConsumerRole;
  readonly label: string;
  readonly libraries: string;
  readonly error?: string;
  readonly figure?: ToolCallsFigure;
  readonly summary?: ToolSummary;
  /** The time figures ÷ the same figure of the raw SDK's helper of this wire format. */
  readonly ratioToRawSdk?: Partial<ToolSummary>;
}

/**
 * The summary of a figure. `linearity` is the one-call stream's time ÷ the same stream with a
 * quarter of the fragments (linear ≈ 4, quadratic ≈ 16); `linearityNet` first subtracts the time
 * of the few-fragment stream from both (the request's fixed cost), which leaves the fragments'.
 */
function summariseToolCalls(figure: ToolCallsFigure): ToolSummary {
  const { oneCall, parallel, quarter, base } = figure;
  return {
    oneCallMs: oneCall.msPerStream,
    oneCallUsPerFragment: oneCall.usPerFragment,
    parallelMs: parallel.msPerStream,
    parallelUsPerFragment: parallel.usPerFragment,
    linearity: oneCall.msPerStream / quarter.msPerStream,
    linearityNet: (oneCall.msPerStream - base.msPerStream) / (quarter.msPerStream - base.msPerStream),
  };
}

/**
 * The JSON's `tools`: each consumer's rounds combined and summarised, with ratios to the raw SDK's
 * helper of its wire format. A consumer that failed, or whose figures are not finite, is added to
 * `failures` (prefixed `tool calls`).
 */
export function toolResults(
  consumers: readonly ToolConsumerInfo[],
  measured: ReadonlyMap<string, readonly ToolCallsFigure[] | { readonly error: string }>,
  failures: string[],
): ToolConsumerResult[] {
  const partial = consumers.map((consumer): ToolConsumerResult => {
    const { id, wire, role, label } = consumer;
    const base = { id, wire, role, label, libraries: librariesOf(consumer) };
    const rounds = measured.get(id) ?? { error: "not measured" };
    if ("error" in rounds) {
      failures.push(`tool calls ${id}: ${rounds.error}`);
      return { ...base, error: rounds.error };
    }
    const figure = combineToolCalls(rounds);
    const summary = summariseToolCalls(figure);
    const notFinite = TOOL_FIGURE_KEYS.filter((key) => !Number.isFinite(summary[key]));
    if (notFinite.length === 0) return { ...base, figure, summary };
    const error = `figures not finite: ${notFinite.join(", ")}`;
    failures.push(`tool calls ${id}: ${error}`);
    return { ...base, error, figure, summary };
  });
  return partial.map((result) => {
    const raw = partial.find((other) => other.wire === result.wire && other.role === "raw-sdk")?.summary;
    return result.summary === undefined ? result : { ...result, ratioToRawSdk: toolRatios(result.summary, raw) };
  });
}

function toolRatios(summary: ToolSummary, raw: ToolSummary | undefined): Partial<ToolSummary> {
  if (raw === undefined) return {};
  const result: Partial<ToolSummary> = {};
  for (const key of RATIO_KEYS) {
    const ratio = summary[key] / raw[key];
    if (Number.isFinite(ratio)) result[key] = ratio;
  }
  return result;
}
