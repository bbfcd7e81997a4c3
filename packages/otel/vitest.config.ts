import { defineConfig } from "vitest/config";
import { packageCoverage } from "../../vitest.coverage.js";

export default defineConfig({ test: { name: "otel", coverage: packageCoverage() } });
