/**
 * Bundles the page's script for the browser when the server starts: one ES module with
 * `@promptstream/core/client` inside. `platform: "browser"` makes a `node:` import a build
 * error, so a server-only module cannot slip into the page.
 */
import { readFile } from "node:fs/promises";
import { build } from "esbuild";

const pageDir = new URL("./page/", import.meta.url);

/** The page's HTML and its bundled script. */
export interface PageAssets {
  readonly html: string;
  readonly script: string;
}

export async function bundlePage(): Promise<PageAssets> {
  const result = await build({
    entryPoints: [new URL("chat-page.ts", pageDir).pathname],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error("esbuild wrote no bundle for the page.");
  return { html: await readFile(new URL("index.html", pageDir), "utf8"), script };
}
