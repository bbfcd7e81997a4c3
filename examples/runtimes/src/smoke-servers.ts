/**
 * The loopback servers the smoke run talks to: one per provider wire format (from
 * `@promptstream/testing`), each answering a request by the scenario named in its prompt.
 * The tests start them in Node; `serve.ts` starts them for a run by hand.
 */
import {
  anthropicMessagesConformanceServer,
  type ConformanceScript,
  type ConformanceServer,
  type LoopbackClientOptions,
  openAIChatConformanceServer,
} from "@promptstream/testing";
import type { Scenario } from "./smoke.ts";

/** The answer the servers stream; an aborted stream gets its first piece, then nothing more. */
export const PIECES = ["Hello", " from", " the", " loopback", " server."] as const;

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
export function scenarioOf(body: unknown): Scenario | undefined {
  return /scenario:([a-z-]+)/.exec(JSON.stringify(body))?.[1] as Scenario | undefined;
}

function scenarioHandler(): (request: { body: unknown }) => ConformanceScript {
  let retries = 0;
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
        // Every other one fails, so that each smoke run against the same servers sees one retry.
        retries += 1;
        return retries % 2 === 1 ? { kind: "http-error", status: 503, message: "Try again." } : text;
      default:
        return { kind: "http-error", status: 400, message: `No smoke scenario in the request: ${scenario}` };
    }
  };
}
