import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUNDLE_TARGETS, type BundleTarget, bundleFor, describeNodeImports } from "./bundle.test-support.ts";

/**
 * The ESM entries that must bundle for the web with no Node built-in, imported by package name
 * as an app does; each is bundled with everything it imports (the providers with their vendor SDK).
 * A new entry (e.g. `@promptstream/core/client`) is one more line here.
 */
const ENTRIES = [
  { specifier: "@promptstream/core", builtFrom: "packages/core/dist/index.js" },
  { specifier: "@promptstream/core/client", builtFrom: "packages/core/dist/client.js" },
  { specifier: "@promptstream/provider-openai", builtFrom: "packages/provider-openai/dist/index.js" },
  { specifier: "@promptstream/provider-anthropic", builtFrom: "packages/provider-anthropic/dist/index.js" },
] as const;

const resolveDir = fileURLToPath(new URL(".", import.meta.url));
const targets = Object.keys(BUNDLE_TARGETS) as BundleTarget[];

describe.each(targets)("bundled with esbuild for %s", (target) => {
  it.each(ENTRIES)("$specifier has no Node built-in", async ({ specifier, builtFrom }) => {
    const bundle = await bundleFor(target, { contents: `export * from "${specifier}";`, resolveDir });
    expect(
      bundle.nodeImports,
      `Node built-ins in the ${target} bundle:\n${describeNodeImports(bundle.nodeImports)}`,
    ).toEqual([]);
    // The ESM build itself was bundled (not the CommonJS one, nor the sources).
    expect(bundle.inputs.some((input) => input.endsWith(builtFrom))).toBe(true);
  });

  it("finds the Node built-ins a module imports, with or without node:", async () => {
    const contents =
      'import { readFileSync } from "node:fs"; import { join } from "path"; export { readFileSync, join };';
    const bundle = await bundleFor(target, { contents, resolveDir });
    expect(bundle.nodeImports.map(({ path }) => path)).toEqual(["node:fs", "path"]);
  });
});
