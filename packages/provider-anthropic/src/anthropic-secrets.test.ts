/**
 * The API key stays secret: it is in no error the user can see (message, `String`,
 * `JSON.stringify`, `util.inspect` 10 levels deep, `cause` chain included) and in nothing
 * `@anthropic-ai/sdk` logs, even at `logLevel: "debug"`.
 *
 * This SDK sends an `apiKey` as `Authorization: Bearer <key>`. What it logs at debug (@anthropic-ai/sdk 1.x, `internal/utils/log.js`, `client.js`,
 * `internal/parse.js`, `core/streaming.js`): "sending request" with the method, URL, request
 * options (minus `headers` and `__span`) and the request headers, `authorization`,
 * `proxy-authorization`, `api-key`, `x-api-key`, `x-amz-security-token`, `cookie` and
 * `set-cookie` replaced by `***`; "response start" / "response error" with the response
 * headers (same redaction) and, for an error, the whole response `body` (parsed JSON, or the
 * text); "response" with the raw response headers and body stream (not redacted); "response
 * parsed" with a non-streamed body; "connection failed" with the fetch error's message. At
 * `error` level (on by default: the default level is `warn`) an event whose data is not JSON is
 * logged as is ("Could not parse message into JSON", "From chunk"). Nothing there redacts a key
 * found in a body.
 *
 * Each scenario runs against a loopback server through the real SDK, with two keys (one shaped
 * like Anthropic's, one not), in four set-ups: client options with a capturing `logger`, an
 * `Anthropic` instance with that logger (promptstream uses a `withOptions({ maxRetries: 0 })`
 * copy of it), and `ANTHROPIC_LOG=debug` with the default client built from the environment or a
 * `new Anthropic()` built from it, `console` captured.
 */
import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";
import {
  type AnthropicMessagesScript,
  closedLoopbackPort,
  createAnthropicTextEvents,
  type LoopbackServer,
  type RecordedRequest,
  startAnthropicMessagesServer,
  startLoopbackServer,
  trackServers,
} from "@promptstream/testing";
import {
  CAPTURED_CONSOLE_METHODS,
  capturingLogger,
  debugLogsCaptured,
  failuresBeforeAnyChunk,
  failuresMidStream,
  failuresOfAbortSignals,
  failuresOfStreamAbort,
  keyInErrors,
  type LogRecord,
  logsHolding,
  recordLogCall,
  type SecretsTarget,
  SECRETS_VARS as VARS,
  whereKeyShows,
} from "@promptstream/testing/conformance";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as promptstreamAnthropic from "./index.js";

/** Two distinctive keys: one shaped like Anthropic's (`sk-ant-...`), one not (a gateway's token). */
const KEYS = [
  { shape: "an sk-ant- key", key: "sk-ant-api03-SECRET-ps7Kq2Vx9mLw4Rt8Zb3N" },
  { shape: "a key shaped unlike sk-", key: "gw_live.SECRET.tenant42.Qz8Nw3Lp5Xv" },
] as const;

const STREAMED_TEXT = "Apple pie, then apple crumble.";
const CALLED_TEXT = "Apple pie, apple crumble and tarte Tatin.";

const MESSAGE = {
  id: "msg_01SecretsSuite",
  type: "message",
  role: "assistant",
  model: "claude-haiku-4-5-20251001",
  content: [{ type: "text", text: CALLED_TEXT }],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 21, output_tokens: 11 },
};

const served = createAnthropicTextEvents(STREAMED_TEXT);
/** message_start, the text block's start, a ping and the first two pieces of text, sent before a failure in the middle of a stream. */
const before = served.slice(0, 5);

const serveMessages = trackServers(afterEach, startAnthropicMessagesServer);
const serveRaw = trackServers(afterEach, startLoopbackServer);

/** Anthropic's error body: `{"type":"error","error":{"type":"...","message":"..."}}`. */
function errorBody(type: string, message: string) {
  return { type: "error", error: { type, message } };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Prompts = Pick<typeof promptstreamAnthropic, "AnthropicPrompt">;

/** A prompt without retries, so that each scenario sends one request per read. */
function askWith(prompts: Prompts, client: promptstreamAnthropic.AnthropicClientOption | undefined) {
  return class Ask extends prompts.AnthropicPrompt({
    template: "Recommend a recipe with {ingredient}",
    client,
    maxRetries: 0,
  }) {};
}
type Ask = ReturnType<typeof askWith>;

interface Scenario {
  readonly name: string;
  /** Starts the server: the `baseURL` to give the SDK, and the requests it receives (none where nothing listens). */
  readonly start: (key: string) => Promise<SecretsTarget>;
  /** Runs the prompt as a user would and returns every error the user saw. */
  readonly run: (Ask: Ask) => Promise<unknown[]>;
  /** The `code` of every error `run` returns. */
  readonly code?: string;
}

async function messages(
  script: (request: RecordedRequest) => AnthropicMessagesScript | Promise<AnthropicMessagesScript>,
): Promise<SecretsTarget> {
  return serveMessages(script);
}

function answer(request: RecordedRequest): AnthropicMessagesScript {
  return (request.body as { stream?: boolean }).stream === true ? { events: served } : { json: MESSAGE };
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: "a successful stream",
    start: () => messages(answer),
    run: async (Ask) => {
      const stream = new Ask(VARS).stream();
      let text = "";
      for await (const chunk of stream) text += chunk.content;
      expect(text).toBe(STREAMED_TEXT);
      expect((await stream.response()).finishReason).toBe("stop");
      return [];
    },
  },
  {
    name: "a successful call()",
    start: () => messages(answer),
    run: async (Ask) => {
      expect((await new Ask(VARS).call()).content).toBe(CALLED_TEXT);
      return [];
    },
  },
  {
    name: "a 401 whose JSON body echoes the key",
    start: (key) =>
      messages(() => ({
        status: 401,
        json: errorBody("authentication_error", `invalid x-api-key: ${key} is not a valid key`),
      })),
    run: failuresBeforeAnyChunk,
    code: "authentication",
  },
  {
    name: "a 401 whose plain-text body (a proxy's) echoes the key",
    start: async (key) => {
      const server: LoopbackServer = await serveRaw(() => ({
        status: 401,
        headers: { "content-type": "text/plain" },
        body: [`Unauthorized: the key ${key} is not valid for this gateway`],
      }));
      return { baseURL: server.url, requests: server.requests };
    },
    run: failuresBeforeAnyChunk,
    code: "authentication",
  },
  {
    name: "a 500",
    start: () => messages(() => ({ status: 500, json: errorBody("api_error", "Internal server error") })),
    run: failuresBeforeAnyChunk,
    code: "server_error",
  },
  {
    name: "a malformed event in the middle of the stream",
    start: () =>
      messages(() => ({
        events: [
          ...before,
          'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"bro\n\n',
        ],
      })),
    run: failuresMidStream,
    code: "stream_interrupted",
  },
  {
    name: "a malformed event that holds the key (a proxy's text in the stream)",
    start: (key) =>
      messages(() => ({
        events: [...before, `event: content_block_delta\ndata: upstream rejected key ${key}: retry later\n\n`],
      })),
    run: failuresMidStream,
    code: "stream_interrupted",
  },
  {
    name: "an error event in the middle of the stream that echoes the key",
    start: (key) =>
      messages(() => ({ events: [...before, errorBody("api_error", `internal error while serving key ${key}`)] })),
    run: failuresMidStream,
    code: "server_error",
  },
  {
    name: "a refused connection",
    start: async () => ({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}`, requests: [] }),
    run: failuresBeforeAnyChunk,
    code: "connection",
  },
  {
    name: "a stream aborted with stream.abort() (StreamAbortedError)",
    start: () => messages(() => ({ events: served, eventDelayMs: 20 })),
    run: failuresOfStreamAbort,
    code: "aborted",
  },
  {
    name: "a stream and a call() aborted by their signal (StreamAbortedError)",
    start: () =>
      messages(async (request) => {
        if ((request.body as { stream?: boolean }).stream === true) return { events: served, eventDelayMs: 20 };
        await delay(300);
        return { json: MESSAGE };
      }),
    run: failuresOfAbortSignals,
    code: "aborted",
  },
];

/** A prompt class and what its SDK logs, for one key, one scenario's server, in one set-up. */
interface SetUp {
  readonly name: string;
  readonly prepare: (baseURL: string, key: string, records: LogRecord[]) => Promise<Ask>;
  /** Whether this set-up writes to `console` (captured by the spies below) rather than a logger. */
  readonly console?: boolean;
}

const consoleRecords: LogRecord[] = [];

const SET_UPS: readonly SetUp[] = [
  {
    name: 'client options { logLevel: "debug", logger }',
    prepare: async (baseURL, key, records) =>
      askWith(promptstreamAnthropic, {
        baseURL,
        apiKey: key,
        logLevel: "debug",
        logger: capturingLogger(records),
      } satisfies ClientOptions),
  },
  {
    name: 'an Anthropic instance with { logLevel: "debug", logger } (used through its withOptions copy)',
    prepare: async (baseURL, key, records) =>
      askWith(
        promptstreamAnthropic,
        new Anthropic({ baseURL, apiKey: key, logLevel: "debug", logger: capturingLogger(records), maxRetries: 3 }),
      ),
  },
  {
    name: "ANTHROPIC_LOG=debug and the default client from the environment (console captured)",
    console: true,
    prepare: async (baseURL, key) => {
      stubAnthropicEnvironment(baseURL, key);
      // A fresh module graph, so that promptstream builds its default client from this environment.
      vi.resetModules();
      return askWith(await import("./index.js"), undefined);
    },
  },
  {
    name: "ANTHROPIC_LOG=debug and a new Anthropic() from the environment given as client (console captured)",
    console: true,
    prepare: async (baseURL, key) => {
      stubAnthropicEnvironment(baseURL, key);
      return askWith(promptstreamAnthropic, new Anthropic());
    },
  },
];

function stubAnthropicEnvironment(baseURL: string, key: string): void {
  vi.stubEnv("ANTHROPIC_API_KEY", key);
  vi.stubEnv("ANTHROPIC_BASE_URL", baseURL);
  vi.stubEnv("ANTHROPIC_LOG", "debug");
  for (const name of ["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_CUSTOM_HEADERS", "ANTHROPIC_PROFILE"])
    vi.stubEnv(name, undefined);
}

// The console is captured for the whole file, not per test: the SDK caches the logger functions
// it bound (by logger and level), so spies replaced between tests would be missed.
beforeAll(() => {
  for (const method of CAPTURED_CONSOLE_METHODS) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleRecords.push(recordLogCall(method, args));
    });
  }
});
afterAll(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  vi.unstubAllEnvs();
  consoleRecords.length = 0;
});

for (const setUp of SET_UPS) {
  describe(setUp.name, () => {
    for (const { shape, key } of KEYS) {
      describe(`with ${shape}`, () => {
        for (const scenario of SCENARIOS) {
          async function runScenario(): Promise<{ errors: unknown[]; records: readonly LogRecord[] }> {
            const records: LogRecord[] = [];
            const target = await scenario.start(key);
            const Ask = await setUp.prepare(target.baseURL, key, records);
            const errors = await scenario.run(Ask);
            // The key under test is the one sent: what follows checks where else it went.
            for (const request of target.requests) expect(request.headers.authorization).toBe(`Bearer ${key}`);
            // With a logger given, the console must stay clean too.
            return { errors, records: setUp.console === true ? consoleRecords : [...records, ...consoleRecords] };
          }

          it(`${scenario.name}: nothing the SDK logs holds the key`, async () => {
            const { records } = await runScenario();
            expect(debugLogsCaptured(records)).toBe(true);
            expect(logsHolding(records, key)).toEqual([]);
          });

          if (scenario.code !== undefined) {
            it(`${scenario.name}: no error holds the key (message, String, JSON, inspect, cause chain)`, async () => {
              const { errors } = await runScenario();
              expect(keyInErrors(errors, scenario.code ?? "", key)).toEqual([]);
            });
          }
        }
      });
    }
  });
}

describe("the capture itself", () => {
  it("sees the key where the SDK does write it: a logger given the key as is", () => {
    // A check of the checks: the serialisation finds a key nested deep in an argument.
    const records: LogRecord[] = [];
    capturingLogger(records).debug("nested", {
      a: { b: { c: { d: { e: { f: new Headers({ "x-echo": KEYS[1].key }) } } } } },
    });
    expect(logsHolding(records, KEYS[1].key)).toEqual(["debug: nested"]);
  });

  it("sees a key in an error's cause chain, 8 levels down", () => {
    let error: Error = new Error(`deep ${KEYS[0].key}`);
    for (let level = 0; level < 8; level += 1) error = new Error(`level ${level}`, { cause: error });
    expect(whereKeyShows(error, KEYS[0].key)).toContain("error: util.inspect(depth 10)");
    expect(whereKeyShows(error, KEYS[0].key)).toContain("cause 8: message");
  });

  it("the SDK does redact the authorization header (where this SDK sends the key) of the request it logs", async () => {
    const records: LogRecord[] = [];
    const Ask = askWith(promptstreamAnthropic, {
      baseURL: (await messages(answer)).baseURL,
      apiKey: KEYS[0].key,
      logLevel: "debug",
      logger: capturingLogger(records),
    });
    await new Ask(VARS).call();
    const sending = records.find((entry) => entry.first.includes("sending request"));
    expect(sending?.written.some((text) => text.includes("authorization: '***'"))).toBe(true);
  });
});
