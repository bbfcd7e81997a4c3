import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createOpenAITextChunks, type OpenAIChatServer, startOpenAIChatServer } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
const packagesDir = join(here, "..", "..", "packages");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

let app: string;
let server: OpenAIChatServer;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), "promptstream-packed-"));
  for (const name of ["core", "provider-openai"]) {
    // `pnpm pack` turns `workspace:` ranges into the versions a registry install would see.
    await exec(npx, ["--yes", "pnpm@10.34.8", "pack", "--pack-destination", app], { cwd: join(packagesDir, name) });
  }
  const tarballs = readdirSync(app).filter((file) => file.endsWith(".tgz"));
  expect(tarballs).toHaveLength(2);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "fresh-app", private: true, type: "module" }));
  for (const file of ["stream.mjs", "stream.cjs", "types.ts", "tsconfig.json"]) {
    copyFileSync(join(here, "consumer", file), join(app, file));
  }
  await exec(
    npm,
    ["install", "--no-audit", "--no-fund", ...tarballs.map((file) => `./${file}`), "openai@6.30.1", "zod@4.6.7", "typescript@5.9.3"],
    { cwd: app },
  );
  server = await startOpenAIChatServer((request) => {
    const messages = JSON.stringify((request.body as { messages: unknown }).messages);
    const fruit = messages.includes("pears") ? "Poached pears." : "Apple pie.";
    return { chunks: createOpenAITextChunks(fruit) };
  });
});

afterAll(async () => {
  await server?.close();
  if (app !== undefined) rmSync(app, { recursive: true, force: true });
});

function runNode(file: string) {
  return exec(process.execPath, [file], {
    cwd: app,
    env: { ...process.env, OPENAI_API_KEY: "sk-packed-test", OPENAI_BASE_URL: server.baseURL },
  });
}

describe("the packed packages in a fresh npm project", () => {
  it("stream the reference flow from an ES module", async () => {
    const { stdout } = await runNode("stream.mjs");
    expect(stdout).toBe(
      "Apple pie.\nfinish=stop tokens=14\ntemplate-error=true missing_variable ingredient\n",
    );
  });

  it("stream from CommonJS through require()", async () => {
    const { stdout } = await runNode("stream.cjs");
    expect(stdout).toBe("Poached pears.\ncjs-error-base=function\n");
  });

  it("type-check a strict TypeScript program against the published .d.ts files", async () => {
    const result = await exec(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "."], {
      cwd: app,
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe("");
  });
});
