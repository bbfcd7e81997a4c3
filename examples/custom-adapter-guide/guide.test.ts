/**
 * docs/custom-adapters.md works as written: its code blocks marked with a `title` are written
 * out as files, type-checked under strict settings, and run: the adapter's test (the conformance
 * suite) in a vitest of its own, and the usage example against a loopback server.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startLoopbackServer } from "@promptstream/testing";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
const guidePath = join(here, "..", "..", "docs", "custom-adapters.md");
const outDir = join(here, "extracted");

/** Every fenced block opened as ```ts title="name.ts"```, by file name. */
function codeBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(/^```ts title="([^"]+)"\n([\s\S]*?)^```$/gm)) {
    blocks.set(match[1] as string, match[2] as string);
  }
  return blocks;
}

const blocks = codeBlocks(readFileSync(guidePath, "utf8"));

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, code] of blocks) writeFileSync(join(outDir, name), code);
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
  writeFileSync(join(outDir, "vitest.config.ts"), 'export default { test: { include: ["*.test.ts"] } };\n');
});

describe("docs/custom-adapters.md", () => {
  it("holds the adapter, its usage and its test", () => {
    expect([...blocks.keys()]).toEqual(["acme-adapter.ts", "use-acme.ts", "acme-adapter.test.ts"]);
  });

  it("type-checks under strict settings", async () => {
    const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", outDir]).catch((error: { stdout: string }) => ({
      stdout: error.stdout,
    }));
    expect(result.stdout).toBe("");
  });

  it("passes the conformance suite, as its test file says", async () => {
    const vitest = join(here, "node_modules", "vitest", "vitest.mjs");
    const { stdout } = await run(process.execPath, [vitest, "run", "--root", outDir, "--reporter", "verbose"], {
      cwd: outDir,
      env: { ...process.env, CI: "true", NO_COLOR: "1" },
    });
    expect(stdout).toMatch(/acme adapter conformance/);
    expect(stdout).toMatch(/Tests\s+\d+ passed/);
    expect(stdout).not.toMatch(/failed/);
  });

  it("runs the usage example against a server speaking the Acme format", async () => {
    const server = await startLoopbackServer((request) => {
      const body = request.body as { messages: Array<{ content: string }>; max_tokens?: number; maxTokens?: number };
      const topic = /about (\w+)/.exec(body.messages.at(-1)?.content ?? "")?.[1] ?? "?";
      const lines = [`Leaves of ${topic}`, " fall."].map((delta) => `${JSON.stringify({ delta })}\n`);
      const end = { done: true, finish_reason: "stop", usage: { input: 9, output: 4 } };
      return { headers: { "content-type": "application/x-ndjson" }, body: [...lines, `${JSON.stringify(end)}\n`] };
    });
    try {
      const { stdout } = await run(process.execPath, ["--import", "tsx", join(outDir, "use-acme.ts")], {
        cwd: here,
        env: { ...process.env, ACME_BASE_URL: server.url },
      });
      expect(stdout).toBe("Leaves of autumn fall.\n[stop, 13 tokens]\n");
      expect(server.requests[0]?.body).toMatchObject({
        stream: true,
        maxTokens: 60,
        messages: [
          { role: "system", content: "Answer in 17 syllables." },
          { role: "user", content: "A haiku about autumn" },
        ],
      });
    } finally {
      await server.close();
    }
  });
});
