import { defineProject } from "vitest/config";

// The demo streams a description on two providers at a realistic pace: a few seconds per run.
export default defineProject({ test: { name: "example-vision", testTimeout: 60_000 } });
