import { existsSync, readdirSync, readFileSync } from "node:fs";
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

/**
 * The recordings of one fixture folder (e.g. `"openai-chat"`) whose names end with one of
 * `suffixes`, sorted, so that a recording added later is replayed too. Empty when the fixtures
 * are absent; `findFixturesDir()` tells which.
 */
export function listFixtureFiles(folder: string, suffixes: readonly string[]): string[] {
  const dir = findFixturesDir();
  if (dir === undefined) return [];
  return readdirSync(join(dir, folder))
    .filter((name) => suffixes.some((suffix) => name.endsWith(suffix)))
    .sort();
}

/** The JSON payload lines of a `*.chunks.txt` fixture, as text. */
export function readChunkLines(fixturesDir: string, relativePath: string): string[] {
  return readFileSync(join(fixturesDir, relativePath), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
}

/**
 * An Anthropic Messages fixture: the parsed event payloads of a `*.chunks.txt` file, ready for
 * the loopback server's `events`, or the text of a `*.sse` file, ready for its `sse`.
 */
export function readAnthropicFixture(fixturesDir: string, relativePath: `${string}.chunks.txt`): object[];
export function readAnthropicFixture(fixturesDir: string, relativePath: `${string}.sse`): string;
export function readAnthropicFixture(fixturesDir: string, relativePath: string): object[] | string;
export function readAnthropicFixture(fixturesDir: string, relativePath: string): object[] | string {
  if (relativePath.endsWith(".sse")) return readFileSync(join(fixturesDir, relativePath), "utf8");
  if (!relativePath.endsWith(".chunks.txt")) throw new Error(`not a *.chunks.txt or *.sse fixture: ${relativePath}`);
  return readChunkLines(fixturesDir, relativePath).map((line) => {
    const payload: unknown = JSON.parse(line);
    if (typeof payload !== "object" || payload === null)
      throw new Error(`${relativePath}: a line is not a JSON object: ${line}`);
    return payload;
  });
}
