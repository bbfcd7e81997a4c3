import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  esbuildOptions(options, { format }) {
    // In the CommonJS build, the SDK's client is loaded with require() like the rest of the
    // SDK: an import() there would load the SDK's ESM copy beside its CommonJS one, and an
    // error thrown by one copy is not an instance of the other's error classes.
    if (format === "cjs") options.supported = { ...options.supported, "dynamic-import": false };
  },
});
