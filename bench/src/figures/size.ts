/**
 * Size: what a package set weighs in a bundle, minified and gzipped (esbuild, ESM, platform
 * node so that Node built-ins stay external; gzip level 9). promptstream's vendor SDKs are peer dependencies, so they are external
 * in its bundles; the SDKs are bundled alone for comparison. `zod` (an optional peer) is external.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface SizeFigure {
  readonly label: string;
  readonly imports: readonly string[];
  readonly external: readonly string[];
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** gzip bytes ÷ the raw vendor SDK's gzip bytes, for the promptstream sets that sit on it. */
  readonly ratioToRawSdk: number | undefined;
  readonly rawSdk: string | undefined;
}

interface SizeSet {
  readonly label: string;
  readonly imports: readonly string[];
  readonly external: readonly string[];
  readonly rawSdk?: string;
}

const SETS: readonly SizeSet[] = [
  { label: "@promptstream/core", imports: ["@promptstream/core"], external: ["zod"] },
  {
    label: "core + provider-openai (openai external)",
    imports: ["@promptstream/core", "@promptstream/provider-openai"],
    external: ["zod", "openai"],
    rawSdk: "openai",
  },
  {
    label: "core + provider-anthropic (@anthropic-ai/sdk external)",
    imports: ["@promptstream/core", "@promptstream/provider-anthropic"],
    external: ["zod", "@anthropic-ai/sdk"],
    rawSdk: "@anthropic-ai/sdk",
  },
  { label: "openai (the raw SDK, bundled alone)", imports: ["openai"], external: [] },
  { label: "@anthropic-ai/sdk (the raw SDK, bundled alone)", imports: ["@anthropic-ai/sdk"], external: [] },
];

async function bundleSize(set: SizeSet): Promise<{ minifiedBytes: number; gzipBytes: number }> {
  const result = await build({
    stdin: {
      contents: set.imports.map((specifier) => `export * from ${JSON.stringify(specifier)};`).join("\n"),
      resolveDir: new URL("../..", import.meta.url).pathname,
      sourcefile: "size-entry.js",
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    external: set.external.flatMap((name) => [name, `${name}/*`]),
    write: false,
    logLevel: "error",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${set.label}`);
  return { minifiedBytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength };
}

export async function measureSizes(): Promise<SizeFigure[]> {
  const measured = await Promise.all(SETS.map(async (set) => ({ set, ...(await bundleSize(set)) })));
  return measured.map(({ set, minifiedBytes, gzipBytes }) => {
    const sdk =
      set.rawSdk === undefined
        ? undefined
        : measured.find((entry) => entry.set.imports.length === 1 && entry.set.imports[0] === set.rawSdk);
    return {
      label: set.label,
      imports: set.imports,
      external: set.external,
      minifiedBytes,
      gzipBytes,
      ratioToRawSdk: sdk === undefined ? undefined : gzipBytes / sdk.gzipBytes,
      rawSdk: set.rawSdk,
    };
  });
}
