import { defineConfig } from "vitest/config";
import { packageCoverage } from "../../vitest.coverage.js";

export default defineConfig({
  test: {
    name: "core",
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
    // Core is what every adapter and user relies on: its own tests keep at least 90 % of its lines.
    coverage: packageCoverage({ lines: 90 }),
  },
});
