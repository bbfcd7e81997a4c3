import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "example-packed-install", testTimeout: 180_000, hookTimeout: 180_000 } });
