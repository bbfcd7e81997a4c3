import { defineProject } from "vitest/config";

// The demo streams three steps on two providers at a realistic pace: a few seconds per run.
export default defineProject({ test: { name: "example-tool-loop", testTimeout: 30_000 } });
