/**
 * promptstream's targets, per wire format and text profile, checked against the floor (fetch +
 * minimal SSE) and the raw vendor SDK of the same wire format in the same run; the same targets on every
 * wire format (Chat Completions, Messages, Responses and Gemini): saturated µs/chunk at most the raw SDK's
 * and within 1.3x of the floor; paced CPU within 1.15x of the floor; time to first chunk within
 * 0.3 ms of the raw SDK; peak RSS per stream within 10 % of the raw SDK's.
 */
import type { TextProfile, Wire } from "../scenario.js";
import type { ConsumerResult, FigureKey } from "./results.js";
import { formatNumber, renderGrid } from "./table.js";

/** One target on one wire format and profile: the three figures it compares, and whether it was met. */
export interface TargetResult {
  readonly wire: Wire;
  readonly profile: TextProfile;
  readonly target: string;
  readonly figure: FigureKey;
  readonly promptstream?: number;
  readonly rawSdk?: number;
  readonly floor?: number;
  /** How far promptstream is from the bound, as the table shows it (e.g. `1.11× floor`). */
  readonly measured: string;
  /** `undefined` when a figure is missing (a consumer failed). */
  readonly met?: boolean;
}

interface Figures {
  readonly promptstream: number;
  readonly rawSdk: number;
  readonly floor: number;
}

interface TargetSpec {
  readonly target: string;
  readonly figure: FigureKey;
  readonly digits: number;
  readonly check: (figures: Figures) => { readonly measured: string; readonly met: boolean };
}

const times = (value: number): string => `${value.toFixed(2)}×`;

const TARGETS: readonly TargetSpec[] = [
  {
    target: "saturated µs/chunk ≤ raw SDK, ≤ 1.3× floor",
    figure: "usPerChunk",
    digits: 2,
    check: ({ promptstream, rawSdk, floor }) => ({
      measured: `${times(promptstream / rawSdk)} raw SDK, ${times(promptstream / floor)} floor`,
      met: promptstream <= rawSdk && promptstream <= 1.3 * floor,
    }),
  },
  {
    target: "paced CPU µs/chunk ≤ 1.15× floor",
    figure: "pacedCpuUsPerChunk",
    digits: 2,
    check: ({ promptstream, floor }) => ({
      measured: `${times(promptstream / floor)} floor`,
      met: promptstream <= 1.15 * floor,
    }),
  },
  {
    target: "TTFC ms ≤ raw SDK + 0.3 ms",
    figure: "ttfcMs",
    digits: 3,
    check: ({ promptstream, rawSdk }) => {
      const difference = promptstream - rawSdk;
      return {
        measured: `${difference >= 0 ? "+" : "−"}${Math.abs(difference).toFixed(3)} ms`,
        met: difference <= 0.3,
      };
    },
  },
  {
    target: "peak RSS KiB/stream ≤ raw SDK + 10 %",
    figure: "concurrencyPeakRssKibPerStream",
    digits: 1,
    check: ({ promptstream, rawSdk }) => {
      const percent = (promptstream / rawSdk - 1) * 100;
      return {
        measured: `${percent >= 0 ? "+" : "−"}${Math.abs(percent).toFixed(0)} %`,
        met: promptstream <= 1.1 * rawSdk,
      };
    },
  },
];

/** Every target on every wire format and profile that has rows. */
export function checkTargets(
  results: readonly ConsumerResult[],
  wires: readonly Wire[],
  profiles: readonly TextProfile[],
): TargetResult[] {
  const checks: TargetResult[] = [];
  for (const wire of wires) {
    for (const profile of profiles) {
      const rows = results.filter((result) => result.wire === wire && result.profile === profile);
      if (!rows.some((row) => row.role === "promptstream")) continue;
      const figureOf = (role: ConsumerResult["role"], key: FigureKey): number | undefined => {
        const row = rows.find((result) => result.role === role);
        return row?.error === undefined ? row?.summary?.[key] : undefined;
      };
      for (const spec of TARGETS) {
        const promptstream = figureOf("promptstream", spec.figure);
        const rawSdk = figureOf("raw-sdk", spec.figure);
        const floor = figureOf("floor", spec.figure);
        const base = { wire, profile, target: spec.target, figure: spec.figure, promptstream, rawSdk, floor };
        if (promptstream === undefined || rawSdk === undefined || floor === undefined) {
          checks.push({ ...base, measured: "not measured" });
          continue;
        }
        checks.push({ ...base, ...spec.check({ promptstream, rawSdk, floor }) });
      }
    }
  }
  return checks;
}

/** One wire format's targets as a table, a row per target and profile. */
export function renderTargets(checks: readonly TargetResult[]): string {
  const digitsOf = (figure: FigureKey): number => TARGETS.find((spec) => spec.figure === figure)?.digits ?? 2;
  const show = (value: number | undefined, figure: FigureKey): string =>
    value === undefined ? "—" : formatNumber(value, digitsOf(figure));
  const rows = checks.map((check) => [
    check.profile,
    check.target,
    show(check.promptstream, check.figure),
    show(check.rawSdk, check.figure),
    show(check.floor, check.figure),
    check.measured,
    check.met === undefined ? "—" : check.met ? "met" : "MISSED",
  ]);
  return renderGrid(["profile", "target", "promptstream", "raw SDK", "floor", "promptstream is", "result"], rows, 2);
}
