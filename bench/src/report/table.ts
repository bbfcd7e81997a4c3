/** Renders the terminal tables: one per wire format and text profile, each cell a figure and its ratio to the raw SDK. */
import type { SizeFigure } from "../figures/size.js";
import type { TextProfile } from "../scenario.js";
import { type ConsumerResult, type FigureKey, figureKeysOf, type TextProfileInfo } from "./results.js";

interface Column {
  readonly key: FigureKey;
  readonly title: string;
  readonly digits: number;
}

function columns(concurrentStreams: number, chunksPerStream: number): readonly Column[] {
  return [
    { key: "chunksPerSecond", title: "chunks/s", digits: 0 },
    { key: "usPerChunk", title: "µs/chunk", digits: 2 },
    { key: "ttfcMs", title: "TTFC ms", digits: 3 },
    { key: "pacedCpuUsPerChunk", title: "paced CPU µs/chunk", digits: 2 },
    { key: "pacedAfterGcCpuUsPerChunk", title: "after gc", digits: 2 },
    { key: "concurrencyWallMs", title: `${concurrentStreams}×${chunksPerStream} wall ms`, digits: 0 },
    { key: "concurrencyPeakRssKibPerStream", title: "peak RSS KiB/stream", digits: 1 },
    { key: "concurrencyLiveKibPerStream", title: "in use KiB/stream", digits: 1 },
    { key: "coldStartMs", title: "import ms", digits: 1 },
    { key: "coldFirstChunkMs", title: "import+1st chunk ms", digits: 1 },
  ];
}

/** A number with thousands separators and `digits` decimals. */
export function formatNumber(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function cell(result: ConsumerResult, column: Column): string {
  const value = result.summary?.[column.key];
  if (value === undefined) return "—";
  const ratio = result.ratioToRawSdk?.[column.key];
  return `${formatNumber(value, column.digits)} (${ratio === undefined ? "—" : `${ratio.toFixed(2)}×`})`;
}

/** A Markdown table: the first `leftColumns` columns left-aligned, the others right-aligned, padded to their widest cell. */
export function renderGrid(header: readonly string[], rows: ReadonlyArray<readonly string[]>, leftColumns = 1): string {
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((text, index) => (index < leftColumns ? text.padEnd(widths[index] ?? 0) : text.padStart(widths[index] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((width, index) => (index < leftColumns ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** The rows of one wire format and profile; the cold-start columns only for the english profile (where they are measured). */
export function renderConsumerTable(
  results: readonly ConsumerResult[],
  profile: TextProfile,
  concurrentStreams: number,
  chunksPerStream: number,
): string {
  const keys = figureKeysOf(profile);
  const cols = columns(concurrentStreams, chunksPerStream).filter((column) => keys.includes(column.key));
  const rows = results.map((result) =>
    result.error === undefined
      ? [result.label, ...cols.map((column) => cell(result, column))]
      : [result.label, `FAILED: ${result.error}`, ...cols.slice(1).map(() => "")],
  );
  return renderGrid(["consumer", ...cols.map((column) => column.title)], rows);
}

export function renderSizeTable(sizes: readonly SizeFigure[]): string {
  const rows = sizes.map((size) => [
    size.label,
    formatNumber(size.minifiedBytes, 0),
    formatNumber(size.gzipBytes, 0),
    size.ratioToRawSdk === undefined ? "—" : `${size.ratioToRawSdk.toFixed(2)}× ${size.rawSdk ?? ""}`,
  ]);
  return renderGrid(["bundle (esbuild, ESM, platform node)", "min bytes", "min+gz bytes", "gz ratio to raw SDK"], rows);
}

/** One line per text profile: what its deltas are like. */
export function describeTextProfiles(profiles: readonly TextProfileInfo[]): string {
  return profiles
    .map(
      (info) =>
        `text profile ${info.profile}: ${info.bytesPerDelta.toFixed(1)} UTF-8 bytes per delta, ${(info.nonAsciiShare * 100).toFixed(0)} % of deltas not ASCII`,
    )
    .join("\n");
}
