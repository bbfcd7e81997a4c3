import { defineProject } from "vitest/config";

// The demo streams at a realistic pace through two providers: a few seconds per run.
export default defineProject({
  test: {
    name: "example-swap-provider",
    testTimeout: 30_000,
    typecheck: { enabled: true, include: ["*.test-d.ts"] },
  },
});
