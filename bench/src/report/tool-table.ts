/** Renders the tool-call tables: one per wire format, times with their ratio to the raw SDK's helper. */
import type { BenchConfig } from "../config.js";
import { formatNumber, renderGrid } from "./table.js";
import type { ToolConsumerResult, ToolSummary } from "./tool-results.js";

type Scenarios = BenchConfig["tools"]["scenarios"];

const count = (value: number): string => formatNumber(value, 0);

function timeCell(result: ToolConsumerResult, key: keyof ToolSummary): string {
  const value = result.summary?.[key];
  if (value === undefined) return "—";
  const ratio = result.ratioToRawSdk?.[key];
  return `${formatNumber(value, 2)} (${ratio === undefined ? "—" : `${ratio.toFixed(2)}×`})`;
}

function plainCell(result: ToolConsumerResult, key: keyof ToolSummary, suffix: string): string {
  const value = result.summary?.[key];
  return value === undefined ? "—" : `${formatNumber(value, 2)}${suffix}`;
}

/** The table of one wire format's tool consumers. */
export function renderToolTable(results: readonly ToolConsumerResult[], scenarios: Scenarios): string {
  const { oneCall, parallel, quarter } = scenarios;
  const header = [
    "consumer",
    `${oneCall.calls}×${count(oneCall.fragments)} ms/stream`,
    "µs/fragment",
    `${parallel.calls}×${count(parallel.fragments)} ms/stream`,
    "µs/fragment",
    `${count(oneCall.fragments)}÷${count(quarter.fragments)}`,
    "net",
  ];
  const rows = results.map((result) =>
    result.error === undefined
      ? [
          result.label,
          timeCell(result, "oneCallMs"),
          plainCell(result, "oneCallUsPerFragment", ""),
          timeCell(result, "parallelMs"),
          plainCell(result, "parallelUsPerFragment", ""),
          plainCell(result, "linearity", "×"),
          plainCell(result, "linearityNet", "×"),
        ]
      : [result.label, `FAILED: ${result.error}`, "", "", "", "", ""],
  );
  return renderGrid(header, rows);
}

/** What the columns are, for the lines under the tables. */
export function describeToolScenarios(results: readonly ToolConsumerResult[], scenarios: Scenarios): string {
  const { oneCall, parallel, quarter, base } = scenarios;
  const figure = results.find((result) => result.figure !== undefined)?.figure;
  const bytes = (value: number | undefined): string => (value === undefined ? "?" : count(value));
  return [
    `${oneCall.calls} call: ${bytes(figure?.oneCall.argsBytesPerCall)}-byte JSON arguments in ${count(oneCall.fragments)} fragments; ` +
      `${parallel.calls} calls: ${bytes(figure?.parallel.argsBytesPerCall)} bytes each, in ${count(parallel.fragments)} fragments each`,
    `${count(oneCall.fragments)}÷${count(quarter.fragments)}: the 1-call stream's time at ${count(oneCall.fragments)} ÷ at ${count(quarter.fragments)} fragments of the same size ` +
      `(linear ≈ 4×, quadratic ≈ 16×); net: both less a ${count(base.fragments)}-fragment stream's time (the request's fixed cost)`,
  ].join("\n");
}
