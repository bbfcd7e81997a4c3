import { defineProject } from "vitest/config";

// The demo streams a recipe on two providers at a realistic pace: a few seconds per run.
export default defineProject({ test: { name: "example-structured-stream", testTimeout: 60_000 } });
