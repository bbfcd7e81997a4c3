import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "example-readme-snippets", testTimeout: 60_000, exclude: ["extracted/**", "**/node_modules/**"] },
});
