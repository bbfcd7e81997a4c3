/**
 * Runs the structured-output bench in smoke mode (the last command of the root
 * `bench:structured:smoke` script) in a child process, and checks that it exits 0, that every
 * consumer either has finite figures or was skipped for time (the floors and promptstream never),
 * and that the printed tables hold those figures. The bench is compiled first with tsc; the workspace
 * packages it imports are built by `pnpm test`'s check step (or `pnpm bench:structured:smoke`).
 */
import { describe, expect, it } from "vitest";
import { runSmokeScript } from "./smoke-run.test-support.js";
import { STRUCTURED_CONSUMERS } from "./src/structured/consumers.js";
import { STRUCTURED_SMOKE } from "./src/structured/figure.js";

interface Summary {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly coldCpuMs: number;
  readonly peakRssMiB: number;
  readonly retainedMiB: number;
  readonly usPerKib: number;
}

interface Results {
  readonly documents: ReadonlyArray<{ readonly id: string }>;
  readonly results: ReadonlyArray<{
    readonly consumerId: string;
    readonly scenarioId: string;
    readonly summary?: Summary;
    readonly skipped?: string;
    readonly error?: string;
  }>;
  readonly failures: readonly string[];
}

describe("bench:structured:smoke", () => {
  it("exits 0 with finite figures for every consumer and document (slow baselines may be skipped)", async () => {
    const { code, output, results } = await runSmokeScript<Results>("bench:structured:smoke");
    expect(code, output).toBe(0);
    expect(results.failures).toEqual([]);
    expect(results.documents.map((document) => document.id)).toEqual(
      STRUCTURED_SMOKE.scenarios.map((scenario) => scenario.id),
    );
    for (const scenario of STRUCTURED_SMOKE.scenarios) {
      for (const consumer of STRUCTURED_CONSUMERS) {
        const result = results.results.find(
          (candidate) => candidate.consumerId === consumer.id && candidate.scenarioId === scenario.id,
        );
        const where = `${consumer.id} on ${scenario.id}`;
        expect(result?.error, where).toBeUndefined();
        const mustRun = consumer.id.startsWith("promptstream") || consumer.id.endsWith("-parse");
        if (result?.summary === undefined) {
          expect(mustRun, `${where} was skipped: ${result?.skipped}`).toBe(false);
          expect(result?.skipped, where).toMatch(/^> /);
          continue;
        }
        for (const [key, value] of Object.entries(result.summary)) {
          if (value !== undefined) expect(Number.isFinite(value), `${where} ${key}`).toBe(true);
        }
        expect(result.summary.cpuMs, where).toBeGreaterThan(0);
      }
      expect(output).toContain(`${scenario.id}: `);
    }
    for (const consumer of STRUCTURED_CONSUMERS) expect(output).toContain(consumer.label);
    expect(output).toContain("Linearity (records)");
    expect(output).not.toContain("BENCH FAILED");
  });
});
