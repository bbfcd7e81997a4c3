/**
 * Runs the web figure in smoke mode (the last command of the root `bench:web:smoke` script) in a
 * child process, and checks that it exits 0 and that every server/client pair has every figure,
 * finite, with its ratio to the baseline, in the JSON and in the printed table. No timing is
 * asserted: the figures move with the machine. The bench is compiled first with tsc; the
 * workspace packages it imports are built by `pnpm test`'s check step (or `pnpm bench:web:smoke`).
 */
import { describe, expect, it } from "vitest";
import { runSmokeScript } from "./smoke-run.test-support.js";
import { WEB_PAIRS, WEB_SMOKE } from "./src/web/pairs.js";

type Figure = { readonly median: number; readonly min: number; readonly max: number };

interface Results {
  readonly config: { readonly chunks: number; readonly runs: number };
  readonly pairs: ReadonlyArray<{
    readonly id: string;
    readonly runs: readonly unknown[];
    readonly error?: string;
    readonly summary?: Readonly<Record<string, Figure>>;
    readonly ratioToBaseline?: Readonly<Record<string, number>>;
  }>;
  readonly failures: readonly string[];
}

const FIGURES = ["wallUsPerChunk", "serverCpuUsPerChunk", "clientCpuUsPerChunk", "firstTextMs", "wireBytes", "writes"];

describe("bench:web:smoke", () => {
  it("exits 0 with every figure of every server/client pair, and its ratio to the baseline", async () => {
    const { code, output, results } = await runSmokeScript<Results>("bench:web:smoke");
    expect(code, output).toBe(0);
    expect(results.failures).toEqual([]);
    expect(results.config.chunks).toBe(WEB_SMOKE.chunks);
    expect(results.pairs.map((pair) => pair.id)).toEqual(WEB_PAIRS.map((pair) => pair.id));
    for (const pair of results.pairs) {
      expect(pair.error, pair.id).toBeUndefined();
      expect(pair.runs, pair.id).toHaveLength(WEB_SMOKE.runs);
      for (const key of FIGURES) {
        const figure = pair.summary?.[key];
        expect(figure, `${pair.id} ${key}`).toBeDefined();
        for (const value of Object.values(figure ?? {})) expect(Number.isFinite(value), `${pair.id} ${key}`).toBe(true);
        expect(Number.isFinite(pair.ratioToBaseline?.[key]), `${pair.id} ${key} ratio`).toBe(true);
      }
      // A real stream went over a real socket: something was written and read, and took time.
      expect(pair.summary?.wireBytes?.median, pair.id).toBeGreaterThan(0);
      expect(pair.summary?.wallUsPerChunk?.median, pair.id).toBeGreaterThan(0);
    }
    for (const pair of WEB_PAIRS) expect(output).toContain(pair.label);
    expect(output).not.toContain("BENCH FAILED");
  });

  it("fails every pair when the provider server leaves a delta out", async () => {
    const { code, results } = await runSmokeScript<Results>("bench:web:smoke", "--drop-chunk");
    expect(code).not.toBe(0);
    for (const pair of results.pairs)
      expect(pair.error, pair.id).toMatch(/received \d+ characters where \d+ were served/);
  });
});
