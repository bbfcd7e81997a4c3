/**
 * The API key stays secret: the secrets suite, shared by every adapter, run against the OpenAI
 * adapter through the real `openai` SDK logging at `logLevel: "debug"`; then how this SDK logs
 * the header it sends the key in.
 *
 * What the SDK logs at debug (openai 6.x, `internal/utils/log.js`, `client.js`,
 * `internal/parse.js`, `core/streaming.js`): "sending request" with the method, URL, request
 * options (minus `headers`) and the request headers, `authorization`, `cookie` and
 * `set-cookie` replaced by `***`; "response start" / "response error" with the response
 * headers (same redaction), and for an error response whose body is not JSON, that body as
 * `message`; "response" with the raw response headers and body stream (not redacted); "response
 * parsed" with a non-streamed body; "connection failed" with the fetch error's message. At
 * `error` level (on by default: the default level is `warn`) a chunk that is not JSON is logged
 * as is ("Could not parse message into JSON", "From chunk"). Nothing there redacts a key found
 * in a body.
 *
 * The set-ups: client options with a capturing `logger`, an `OpenAI` instance with that logger
 * (promptstream uses a `withOptions({ maxRetries: 0 })` copy of it), and `OPENAI_LOG=debug` with
 * the default client built from the environment or a `new OpenAI()` built from it, `console`
 * captured.
 */
import { type LoopbackClientOptions, trackServers } from "@promptstream/testing";
import {
  capturingLogger,
  describeSecretsSuite,
  type LogRecord,
  openAIChatConformanceServer,
  openAIChatSecretsWire,
  SECRETS_VARS,
  type SecretsSetUp,
} from "@promptstream/testing/conformance";
import OpenAI, { type ClientOptions } from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as promptstreamOpenAI from "./index.js";

/** A key shaped like OpenAI's (`sk-...`); the suite adds one that is not. */
const KEY = { shape: "an sk- key", key: "sk-proj-SECRET-ps7Kq2Vx9mLw4Rt8Zb3N" };

type Prompts = Pick<typeof promptstreamOpenAI, "OpenAIPrompt">;

/** A prompt without retries, so that each scenario sends one request per read. */
function askWith(prompts: Prompts, client: promptstreamOpenAI.OpenAIClientOption | undefined) {
  return class Ask extends prompts.OpenAIPrompt({
    template: "Recommend a recipe with {ingredient}",
    client,
    maxRetries: 0,
  }) {};
}

function stubOpenAIEnvironment(baseURL: string, key: string): void {
  vi.stubEnv("OPENAI_API_KEY", key);
  vi.stubEnv("OPENAI_BASE_URL", baseURL);
  vi.stubEnv("OPENAI_LOG", "debug");
  vi.stubEnv("OPENAI_ORG_ID", undefined);
  vi.stubEnv("OPENAI_PROJECT_ID", undefined);
}

const SET_UPS: ReadonlyArray<SecretsSetUp<LoopbackClientOptions>> = [
  {
    name: 'client options { logLevel: "debug", logger }',
    prepare: async ({ baseURL }, key, records) =>
      askWith(promptstreamOpenAI, {
        baseURL,
        apiKey: key,
        logLevel: "debug",
        logger: capturingLogger(records),
      } satisfies ClientOptions),
  },
  {
    name: 'an OpenAI instance with { logLevel: "debug", logger } (used through its withOptions copy)',
    prepare: async ({ baseURL }, key, records) =>
      askWith(
        promptstreamOpenAI,
        new OpenAI({ baseURL, apiKey: key, logLevel: "debug", logger: capturingLogger(records), maxRetries: 3 }),
      ),
  },
  {
    name: "OPENAI_LOG=debug and the default client from the environment (console captured)",
    console: true,
    prepare: async ({ baseURL }, key) => {
      stubOpenAIEnvironment(baseURL, key);
      // A fresh module graph, so that promptstream builds its default client from this environment.
      vi.resetModules();
      return askWith(await import("./index.js"), undefined);
    },
  },
  {
    name: "OPENAI_LOG=debug and a new OpenAI() from the environment given as client (console captured)",
    console: true,
    prepare: async ({ baseURL }, key) => {
      stubOpenAIEnvironment(baseURL, key);
      return askWith(promptstreamOpenAI, new OpenAI());
    },
  },
];

describeSecretsSuite({
  name: "openai",
  wire: openAIChatSecretsWire,
  key: KEY,
  keyHeader: { name: "authorization", value: (key) => `Bearer ${key}` },
  setUps: SET_UPS,
});

describe("the capture itself", () => {
  const serve = trackServers(afterEach, openAIChatConformanceServer);

  it("the SDK does redact the authorization header of the request it logs", async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: ["Apple", " pie."], finishReason: "stop", usage: { input: 14, output: 2 } });
    const records: LogRecord[] = [];
    const Ask = askWith(promptstreamOpenAI, {
      baseURL: server.client.baseURL,
      apiKey: KEY.key,
      logLevel: "debug",
      logger: capturingLogger(records),
    });
    await new Ask(SECRETS_VARS).call();
    const sending = records.find((entry) => entry.first.includes("sending request"));
    expect(sending?.written.some((text) => text.includes("authorization: '***'"))).toBe(true);
  });
});
