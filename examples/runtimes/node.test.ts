import { afterAll, beforeAll, describe, it } from "vitest";
import { expectRequestsSeen, expectSmokeReport } from "./smoke-expectations.test-support.ts";
import { runSmoke } from "./src/smoke.ts";
import { type SmokeServers, startSmokeServers } from "./src/smoke-servers.ts";

// The reference: the same smoke run in this Node process, so that a runtime's failure can be told
// apart from a broken smoke program.
describe("the smoke run on Node", () => {
  let servers: SmokeServers;
  beforeAll(async () => {
    servers = await startSmokeServers();
  });
  afterAll(() => servers.close());

  it("streams, aborts and fails as expected through both providers", async () => {
    const report = await runSmoke(
      {
        openaiBaseURL: servers.env.PROMPTSTREAM_OPENAI_BASE_URL,
        anthropicBaseURL: servers.env.PROMPTSTREAM_ANTHROPIC_BASE_URL,
      },
      `node ${process.versions.node}`,
    );
    expectSmokeReport(report, /^node \d+\./);
    await expectRequestsSeen(servers);
  });
});
