import { defineProject } from "vitest/config";

// The demo streams a three-step tool loop at a realistic pace, then a second question: a few seconds per run.
export default defineProject({ test: { name: "example-observability", testTimeout: 30_000 } });
