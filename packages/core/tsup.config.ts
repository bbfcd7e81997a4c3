import { defineConfig } from "tsup";

export default defineConfig({
  // client: the browser side, its own entry so that a page bundles none of the rest.
  entry: ["src/index.ts", "src/client.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
