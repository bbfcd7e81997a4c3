/**
 * The README's examples compile as written: every code block opened as ```ts title="name.ts"```
 * is written out as a file and type-checked under strict settings against the workspace packages.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
const outDir = join(here, "extracted");

/** Every fenced block opened as ```ts title="name.ts"```, by file name. */
function codeBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(/^```ts title="([^"]+)"\n([\s\S]*?)^```$/gm)) {
    blocks.set(match[1] as string, match[2] as string);
  }
  return blocks;
}

const blocks = codeBlocks(readFileSync(join(here, "..", "..", "README.md"), "utf8"));

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, code] of blocks) writeFileSync(join(outDir, name), code);
  writeFileSync(join(outDir, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(
    join(outDir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
        lib: ["ES2022", "DOM", "DOM.Iterable"],
      },
      include: ["*.ts"],
    }),
  );
});

describe("the README's titled code blocks", () => {
  it("include the Tools section's examples", () => {
    expect([...blocks.keys()]).toEqual(
      expect.arrayContaining([
        "weather-tool.ts",
        "stream-tool-calls.ts",
        "send-results.ts",
        "tool-loop.ts",
        "chat-route.ts",
        "chat-page.ts",
        "tee-route.ts",
      ]),
    );
  });

  it("type-check under strict settings", async () => {
    const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", outDir]).catch((error: { stdout: string }) => ({
      stdout: error.stdout,
    }));
    expect(result.stdout).toBe("");
  });
});
