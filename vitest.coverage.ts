import type { CoverageOptions } from "vitest/node";

/**
 * The coverage settings every public package shares: its own `src/` as measured by its own tests
 * (`pnpm test:coverage` runs each package on its own), test files and test helpers left out.
 */
export function packageCoverage(thresholds?: { lines?: number; branches?: number }): CoverageOptions {
  return {
    provider: "v8",
    include: ["src/**/*.ts"],
    // Test helpers: a package's `test-support.ts`, and each `<what-it-holds>.test-support.ts` that
    // sits beside the tests sharing it.
    exclude: ["src/**/*.test.ts", "src/**/*.test-d.ts", "src/**/test-support.ts", "src/**/*.test-support.ts"],
    reporter: ["text-summary", "json-summary"],
    ...(thresholds === undefined ? {} : { thresholds }),
  };
}
