import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportOf, runProgram, runtimeBinary } from "./runtimes.test-support.ts";
import { expectRequestsSeen, expectSmokeReport } from "./smoke-expectations.test-support.ts";
import type { SmokeReport } from "./src/smoke.ts";
import { type SmokeServers, startSmokeServers } from "./src/smoke-servers.ts";

const deno = runtimeBinary("deno");
const here = fileURLToPath(new URL(".", import.meta.url));

describe.skipIf(!deno.available)("the smoke run on Deno", () => {
  let servers: SmokeServers;
  let denoDir: string;
  beforeAll(async () => {
    servers = await startSmokeServers();
    // A cache of its own, empty: the run shows what a fresh machine needs (nothing from the network).
    denoDir = await mkdtemp(join(tmpdir(), "promptstream-deno-"));
  });
  afterAll(async () => {
    await servers?.close();
    if (denoDir !== undefined) await rm(denoDir, { recursive: true, force: true });
  });

  it("streams, aborts and fails as expected through both providers", { timeout: 60_000 }, async () => {
    if (!deno.available) return;
    // Deno runs the TypeScript source as it is and resolves the packages from node_modules as Node
    // does (`manual`: pnpm's tree, no `deno install`, no lockfile written; `--cached-only`: nothing
    // is fetched). The permissions are the least the run needs: the loopback host, and the
    // environment (the SDKs read their variables, e.g. OPENAI_ORG_ID, when a client is built).
    const run = await runProgram(
      deno.path,
      [
        "run",
        "--cached-only",
        "--no-lock",
        "--node-modules-dir=manual",
        "--allow-net=127.0.0.1",
        "--allow-env",
        "src/cli.ts",
      ],
      { cwd: here, env: { ...servers.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" }, timeoutMs: 50_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expectSmokeReport(reportOf<SmokeReport>(run), /^deno 2\./);
    await expectRequestsSeen(servers);
  });
});
