import { expect } from "vitest";
import { SCENARIOS, type SmokeReport } from "./src/smoke.ts";
import { PIECES, type SmokeServers, scenarioOf } from "./src/smoke-servers.ts";

const TEXT = PIECES.join("");

/** Asserts a runtime's report: the same outcomes as on Node, for both providers. */
export function expectSmokeReport(report: SmokeReport, runtime: RegExp): void {
  expect(report.runtime).toMatch(runtime);
  for (const provider of ["openai", "anthropic"] as const) {
    const outcomes = report[provider];
    expect(Object.keys(outcomes)).toEqual([...SCENARIOS]);
    expect(outcomes.stream, provider).toEqual({ text: TEXT, finishReason: "stop", attempts: 1 });
    expect(outcomes.retry, provider).toEqual({ text: TEXT, finishReason: "stop", attempts: 2 });
    for (const abort of ["abort-method", "abort-signal"] as const) {
      expect(outcomes[abort].error, `${provider} ${abort}`).toMatchObject({
        name: "StreamAbortedError",
        code: "aborted",
        retryable: false,
        partialText: PIECES[0],
        isAbort: true,
        isPromptstreamError: true,
        leaksKey: false,
      });
    }
    expect(outcomes.unauthorized.error, `${provider} 401`).toMatchObject({
      name: "AuthenticationError",
      code: "authentication",
      status: 401,
      provider,
      retryable: false,
      isAbort: false,
      isPromptstreamError: true,
      leaksKey: false,
    });
    expect(outcomes["server-error"].error, `${provider} 500`).toMatchObject({
      name: "ServerError",
      code: "server_error",
      status: 500,
      provider,
      retryable: true,
      isPromptstreamError: true,
      leaksKey: false,
    });
  }
}

/**
 * Asserts what the servers saw: one request per scenario (two for the retried one), and each
 * abort closed its connection before the answer ended, rather than leaving it to hang.
 */
export async function expectRequestsSeen(servers: SmokeServers): Promise<void> {
  for (const provider of ["openai", "anthropic"] as const) {
    const requests = servers[provider].requests;
    expect(
      requests.map(({ body }) => scenarioOf(body)),
      provider,
    ).toEqual([...SCENARIOS, "retry"]);
    const outcomes = await Promise.all(requests.map(({ outcome }) => outcome));
    expect(outcomes, provider).toEqual(
      SCENARIOS.flatMap((scenario) => {
        if (scenario === "retry") return ["finished", "finished"];
        return scenario.startsWith("abort") ? ["closed-early"] : ["finished"];
      }),
    );
  }
}
