import { defineProject } from "vitest/config";

// The demo test runs src/main.ts in a child process, streaming at a realistic pace: a few seconds.
export default defineProject({ test: { name: "example-custom-adapter-ollama", testTimeout: 30_000 } });
