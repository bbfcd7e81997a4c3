import { defineProject } from "vitest/config";

// The extracted guide runs its own vitest in a child process: give it time.
export default defineProject({
  test: { name: "example-custom-adapter-guide", testTimeout: 120_000, exclude: ["extracted/**", "**/node_modules/**"] },
});
