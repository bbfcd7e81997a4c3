import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", conformance: "src/conformance/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  // vitest is the user's own: the conformance entry runs inside their test runner.
  external: ["vitest"],
  // findFixturesDir reads import.meta.url, which the CommonJS build must have too.
  shims: true,
});
