/**
 * Runs the middleware figure in smoke mode (the last command of the root `bench:middleware:smoke`
 * script) in a child process, and checks that it exits 0 and that every variant has every figure,
 * finite, in the JSON and in the printed table. No timing is asserted: the figures move with the
 * machine. The bench is compiled first with tsc; the workspace packages it imports are built by
 * `pnpm test`'s check step (or `pnpm bench:middleware:smoke`).
 */
import { describe, expect, it } from "vitest";
import { runSmokeScript } from "./smoke-run.test-support.js";
import { MIDDLEWARE_SMOKE } from "./src/middleware/middleware-config.js";
import { VARIANTS } from "./src/middleware/variants.js";

type Figure = { readonly median: number; readonly min: number; readonly max: number; readonly samples: number[] };

interface Results {
  readonly variants: ReadonlyArray<{
    readonly id: string;
    readonly coreUsPerChunk?: Figure;
    readonly coreUsPerCall?: Figure;
    readonly wireCpuUsPerChunk?: Figure;
  }>;
  readonly failures: readonly string[];
}

describe("bench:middleware:smoke", () => {
  it("exits 0 with every figure of every variant, finite", async () => {
    const { code, output, results } = await runSmokeScript<Results>("bench:middleware:smoke");
    expect(code, output).toBe(0);
    expect(results.failures).toEqual([]);
    expect(results.variants.map((variant) => variant.id)).toEqual(VARIANTS.map((variant) => variant.id));
    for (const variant of results.variants) {
      for (const key of ["coreUsPerChunk", "coreUsPerCall", "wireCpuUsPerChunk"] as const) {
        const figure = variant[key];
        const samples = key === "wireCpuUsPerChunk" ? MIDDLEWARE_SMOKE.wire.samples : MIDDLEWARE_SMOKE.core.samples;
        expect(figure?.samples, `${variant.id} ${key}`).toHaveLength(samples);
        for (const value of [figure?.median, figure?.min, figure?.max]) {
          expect(Number.isFinite(value) && (value ?? 0) > 0, `${variant.id} ${key}`).toBe(true);
        }
      }
    }
    for (const variant of VARIANTS) expect(output).toContain(variant.label);
    expect(output).not.toContain("BENCH FAILED");
  });
});
