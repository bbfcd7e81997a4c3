/**
 * The API key stays secret: the secrets suite, shared by every adapter, run against the Anthropic
 * adapter through the real `@anthropic-ai/sdk` logging at `logLevel: "debug"`; then how this SDK
 * logs the header it sends the key in.
 *
 * This SDK sends an `apiKey` as `Authorization: Bearer <key>` (1.x) or `X-Api-Key: <key>` (0.x,
 * whose logs are the same otherwise; this file runs against both lines). What it logs at debug
 * (@anthropic-ai/sdk 1.x, `internal/utils/log.js`, `client.js`, `internal/parse.js`,
 * `core/streaming.js`): "sending request" with the method, URL, request options (minus `headers`
 * and `__span`) and the request headers, `authorization`, `proxy-authorization`, `api-key`,
 * `x-api-key`, `x-amz-security-token`, `cookie` and `set-cookie` replaced by `***`; "response
 * start" / "response error" with the response headers (same redaction) and, for an error, the
 * whole response `body` (parsed JSON, or the text); "response" with the raw response headers and
 * body stream (not redacted); "response parsed" with a non-streamed body; "connection failed"
 * with the fetch error's message. At `error` level (on by default: the default level is `warn`)
 * an event whose data is not JSON is logged as is ("Could not parse message into JSON", "From
 * chunk"). Nothing there redacts a key found in a body.
 *
 * The set-ups: client options with a capturing `logger`, an `Anthropic` instance with that logger
 * (promptstream uses a `withOptions({ maxRetries: 0 })` copy of it), and `ANTHROPIC_LOG=debug`
 * with the default client built from the environment or a `new Anthropic()` built from it,
 * `console` captured.
 */
import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";
import { type LoopbackClientOptions, trackServers } from "@promptstream/testing";
import {
  anthropicMessagesConformanceServer,
  anthropicMessagesSecretsWire,
  capturingLogger,
  describeSecretsSuite,
  type LogRecord,
  SECRETS_VARS,
  type SecretsSetUp,
} from "@promptstream/testing/conformance";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TESTED_KEY_HEADER } from "./anthropic-sdk-line.test-support.js";
import * as promptstreamAnthropic from "./index.js";

/** A key shaped like Anthropic's (`sk-ant-...`); the suite adds one that is not. */
const KEY = { shape: "an sk-ant- key", key: "sk-ant-api03-SECRET-ps7Kq2Vx9mLw4Rt8Zb3N" };

type Prompts = Pick<typeof promptstreamAnthropic, "AnthropicPrompt">;

/** A prompt without retries, so that each scenario sends one request per read. */
function askWith(prompts: Prompts, client: promptstreamAnthropic.AnthropicClientOption | undefined) {
  return class Ask extends prompts.AnthropicPrompt({
    template: "Recommend a recipe with {ingredient}",
    client,
    maxRetries: 0,
  }) {};
}

function stubAnthropicEnvironment(baseURL: string, key: string): void {
  vi.stubEnv("ANTHROPIC_API_KEY", key);
  vi.stubEnv("ANTHROPIC_BASE_URL", baseURL);
  vi.stubEnv("ANTHROPIC_LOG", "debug");
  for (const name of ["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_CUSTOM_HEADERS", "ANTHROPIC_PROFILE"])
    vi.stubEnv(name, undefined);
}

const SET_UPS: ReadonlyArray<SecretsSetUp<LoopbackClientOptions>> = [
  {
    name: 'client options { logLevel: "debug", logger }',
    prepare: async ({ baseURL }, key, records) =>
      askWith(promptstreamAnthropic, {
        baseURL,
        apiKey: key,
        logLevel: "debug",
        logger: capturingLogger(records),
      } satisfies ClientOptions),
  },
  {
    name: 'an Anthropic instance with { logLevel: "debug", logger } (used through its withOptions copy)',
    prepare: async ({ baseURL }, key, records) =>
      askWith(
        promptstreamAnthropic,
        new Anthropic({ baseURL, apiKey: key, logLevel: "debug", logger: capturingLogger(records), maxRetries: 3 }),
      ),
  },
  {
    name: "ANTHROPIC_LOG=debug and the default client from the environment (console captured)",
    console: true,
    prepare: async ({ baseURL }, key) => {
      stubAnthropicEnvironment(baseURL, key);
      // A fresh module graph, so that promptstream builds its default client from this environment.
      vi.resetModules();
      return askWith(await import("./index.js"), undefined);
    },
  },
  {
    name: "ANTHROPIC_LOG=debug and a new Anthropic() from the environment given as client (console captured)",
    console: true,
    prepare: async ({ baseURL }, key) => {
      stubAnthropicEnvironment(baseURL, key);
      return askWith(promptstreamAnthropic, new Anthropic());
    },
  },
];

describeSecretsSuite({
  name: "anthropic",
  wire: anthropicMessagesSecretsWire,
  key: KEY,
  keyHeader: TESTED_KEY_HEADER,
  setUps: SET_UPS,
});

describe("the capture itself", () => {
  const serve = trackServers(afterEach, anthropicMessagesConformanceServer);

  it(`the SDK does redact the ${TESTED_KEY_HEADER.name} header (where this SDK sends the key) of the request it logs`, async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: ["Apple", " pie."], finishReason: "stop", usage: { input: 21, output: 2 } });
    const records: LogRecord[] = [];
    const Ask = askWith(promptstreamAnthropic, {
      baseURL: server.client.baseURL,
      apiKey: KEY.key,
      logLevel: "debug",
      logger: capturingLogger(records),
    });
    await new Ask(SECRETS_VARS).call();
    const sending = records.find((entry) => entry.first.includes("sending request"));
    // As util.inspect prints it: `authorization: '***'`, `'x-api-key': '***'` (quoted for its hyphens).
    const name = TESTED_KEY_HEADER.name.includes("-") ? `'${TESTED_KEY_HEADER.name}'` : TESTED_KEY_HEADER.name;
    expect(sending?.written.some((text) => text.includes(`${name}: '***'`))).toBe(true);
  });
});
