import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of recorded provider streams: `$PROMPTSTREAM_FIXTURES_DIR`, or `shared/fixtures`
 * beside the repository's checkout. `undefined` when neither exists (a clone elsewhere), so
 * that tests can skip with a reason.
 */
export function findFixturesDir(): string | undefined {
  const fromEnv = process.env.PROMPTSTREAM_FIXTURES_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : undefined;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  const candidate = resolve(dir, "..", "shared", "fixtures");
  return existsSync(candidate) ? candidate : undefined;
}

/** Why fixture tests are skipped, printed by the tests that need them. */
export const FIXTURES_MISSING_REASON =
  "recorded provider streams not found (expected ../shared/fixtures beside the checkout, or $PROMPTSTREAM_FIXTURES_DIR): skipping replay tests";

/** The JSON payload lines of a `*.chunks.txt` fixture, as text. */
export function readChunkLines(fixturesDir: string, relativePath: string): string[] {
  return readFileSync(join(fixturesDir, relativePath), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}
