import {
  anthropicMessagesConformanceServer,
  type ConformanceScript,
  type ConformanceServer,
  type LoopbackClientOptions,
  openAIChatConformanceServer,
} from "@promptstream/testing";
import { expect } from "vitest";
import { SCENARIOS, type Scenario, type SmokeReport } from "./src/smoke.ts";

const PIECES = ["Hello", " from", " the", " loopback", " server."] as const;
const TEXT = PIECES.join("");

/** The two providers' loopback servers, answering each request by the scenario named in its prompt. */
export interface SmokeServers {
  /** The environment the smoke program reads its base URLs from. */
  readonly env: { PROMPTSTREAM_OPENAI_BASE_URL: string; PROMPTSTREAM_ANTHROPIC_BASE_URL: string };
  readonly openai: ConformanceServer<LoopbackClientOptions>;
  readonly anthropic: ConformanceServer<LoopbackClientOptions>;
  close(): Promise<void>;
}

export async function startSmokeServers(): Promise<SmokeServers> {
  const [openai, anthropic] = await Promise.all([openAIChatConformanceServer(), anthropicMessagesConformanceServer()]);
  for (const server of [openai, anthropic]) server.script(scenarioHandler());
  return {
    env: {
      PROMPTSTREAM_OPENAI_BASE_URL: openai.client.baseURL,
      PROMPTSTREAM_ANTHROPIC_BASE_URL: anthropic.client.baseURL,
    },
    openai,
    anthropic,
    close: async () => {
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}

/** Both wire formats carry the prompt text somewhere in the body: the scenario is read from it. */
function scenarioOf(body: unknown): Scenario | undefined {
  return /scenario:([a-z-]+)/.exec(JSON.stringify(body))?.[1] as Scenario | undefined;
}

function scenarioHandler(): (request: { body: unknown }) => ConformanceScript {
  let retried = false;
  return (request) => {
    const scenario = scenarioOf(request.body);
    const text = { kind: "text", pieces: PIECES, finishReason: "stop", usage: { input: 5, output: 5 } } as const;
    switch (scenario) {
      case "stream":
        return text;
      case "abort-method":
      case "abort-signal":
        return { kind: "hang-after", pieces: PIECES.slice(0, 1) };
      case "unauthorized":
        return { kind: "http-error", status: 401, message: "Incorrect API key provided." };
      case "server-error":
        return { kind: "http-error", status: 500, message: "The server had an error." };
      case "retry":
        if (retried) return text;
        retried = true;
        return { kind: "http-error", status: 503, message: "Try again." };
      default:
        return { kind: "http-error", status: 400, message: `No smoke scenario in the request: ${scenario}` };
    }
  };
}

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
