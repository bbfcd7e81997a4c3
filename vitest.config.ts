import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import type { Reporter, TestModule } from "vitest/node";

/** Ends the run with one plain line, `N passed, N failed, N skipped`, that CI reads. */
class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed += 1;
        else if (state === "failed") counts.failed += 1;
        else counts.skipped += 1;
      }
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.failed += 1;
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}

export default defineConfig({
  test: {
    // provider-anthropic's tests run a second time against @anthropic-ai/sdk 0.x (see that config).
    projects: ["packages/*", "packages/provider-anthropic/vitest.sdk-0x.config.ts", "examples/*", "bench", "scripts"],
    reporters: ["default", new SummaryLineReporter()],
    // Vitest's default is one worker per CPU but one, so a 2-core machine (CI's) ran every file in turn. Much of
    // the suite waits (loopback servers, child processes, npm installs): two workers there took the whole run
    // from 423 s to 251 s with the same results.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
  },
});
