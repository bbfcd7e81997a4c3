import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportOf, runProgram, runtimeBinary } from "./runtimes.test-support.ts";
import { expectRequestsSeen, expectSmokeReport } from "./smoke-expectations.test-support.ts";
import type { SmokeReport } from "./src/smoke.ts";
import { type SmokeServers, startSmokeServers } from "./src/smoke-servers.ts";

const bun = runtimeBinary("bun");
const here = fileURLToPath(new URL(".", import.meta.url));

describe.skipIf(!bun.available)("the smoke run on Bun", () => {
  let servers: SmokeServers;
  beforeAll(async () => {
    servers = await startSmokeServers();
  });
  afterAll(() => servers?.close());

  it("streams, aborts and fails as expected through both providers", { timeout: 60_000 }, async () => {
    if (!bun.available) return;
    // Bun runs the TypeScript source and resolves the packages from node_modules; `--no-install`
    // keeps it from fetching a package it would not find there.
    const run = await runProgram(bun.path, ["--no-install", "src/cli.ts"], {
      cwd: here,
      env: { ...servers.env, BUN_DISABLE_TELEMETRY: "1" },
      timeoutMs: 50_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expectSmokeReport(reportOf<SmokeReport>(run), /^bun 1\./);
    await expectRequestsSeen(servers);
  });
});
