import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "example-packed-install",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // consumer/ holds the fresh project's files: its test runs there, with the packed packages.
    exclude: ["consumer/**", "**/node_modules/**"],
  },
});
