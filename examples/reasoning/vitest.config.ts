import { defineProject } from "vitest/config";

// The demo streams two turns at a realistic pace: a few seconds per run.
export default defineProject({ test: { name: "example-reasoning", testTimeout: 60_000 } });
