import { defineProject } from "vitest/config";

// The demo streams at a realistic pace in a child process: a few seconds per run.
export default defineProject({ test: { name: "example-openai-compatible", testTimeout: 30_000 } });
