import { builtinModules } from "node:module";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";

/**
 * The two targets a web build must bundle for. `workerd` takes the options Cloudflare's wrangler
 * gives esbuild for a Worker: platform `browser` (so that packages' `browser` field maps apply:
 * `@anthropic-ai/sdk` swaps its Node-only `internal/node.mjs` that way, and with platform `neutral`
 * its bundle holds `node:fs`, `node:child_process`...) and the conditions workerd, worker, browser.
 */
export const BUNDLE_TARGETS = {
  browser: { platform: "browser" },
  workerd: { platform: "browser", conditions: ["workerd", "worker", "browser"] },
} as const satisfies Record<string, Pick<BuildOptions, "platform" | "conditions">>;

export type BundleTarget = keyof typeof BUNDLE_TARGETS;

/** An import of a Node built-in that ended up in a bundle, and which file made it. */
export interface NodeImport {
  readonly path: string;
  readonly importer: string;
  readonly kind: string;
}

export interface BundleResult {
  readonly nodeImports: readonly NodeImport[];
  /** The bundled files, relative to the working directory. */
  readonly inputs: readonly string[];
  readonly code: string;
}

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith("_")));

/** `node:fs`, `fs`, `fs/promises`: anything Node serves itself. */
function isNodeBuiltin(path: string): boolean {
  return path.startsWith("node:") || BUILTINS.has(path) || BUILTINS.has(path.split("/")[0] ?? "");
}

/**
 * Records every import of a Node built-in and leaves it external, so that the build goes on and
 * the test lists all of them at once instead of stopping at esbuild's first "could not resolve".
 */
function recordNodeImports(found: NodeImport[]): Plugin {
  return {
    name: "record-node-imports",
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (!isNodeBuiltin(args.path)) return undefined;
        found.push({ path: args.path, importer: args.importer || "<entry>", kind: args.kind });
        return { path: args.path, external: true };
      });
    },
  };
}

/** Bundles `source` (a module's text, resolved from `resolveDir`) for a target, in memory. */
export async function bundleFor(
  target: BundleTarget,
  source: { contents: string; resolveDir: string },
): Promise<BundleResult> {
  const nodeImports: NodeImport[] = [];
  const result = await build({
    ...BUNDLE_TARGETS[target],
    stdin: { ...source, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [recordNodeImports(nodeImports)],
  });
  return {
    nodeImports,
    inputs: Object.keys((result.metafile as Metafile).inputs),
    code: result.outputFiles[0]?.text ?? "",
  };
}

/** One line per Node import, for a failure message that says what to fix. */
export function describeNodeImports(imports: readonly NodeImport[]): string {
  return imports.map(({ path, importer, kind }) => `${path} (${kind} in ${importer})`).join("\n");
}
