/**
 * The API key stays secret: it is in no error the user can see (message, `String`,
 * `JSON.stringify`, `util.inspect` 10 levels deep, `cause` chain included) and in nothing the
 * `openai` SDK logs, even at `logLevel: "debug"`.
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
 * Each scenario runs against a loopback server through the real SDK, with two keys (one shaped
 * like OpenAI's, one not), in four set-ups: client options with a capturing `logger`, an
 * `OpenAI` instance with that logger (promptstream uses a `withOptions({ maxRetries: 0 })` copy
 * of it), and `OPENAI_LOG=debug` with the default client built from the environment or a
 * `new OpenAI()` built from it, `console` captured.
 */
import {
  closedLoopbackPort,
  createOpenAITextChunks,
  type LoopbackServer,
  type OpenAIChatScript,
  type RecordedRequest,
  startLoopbackServer,
  startOpenAIChatServer,
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
import OpenAI, { type ClientOptions } from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as promptstreamOpenAI from "./index.js";

/** Two distinctive keys: one shaped like OpenAI's (`sk-...`), one not (a gateway's token). */
const KEYS = [
  { shape: "an sk- key", key: "sk-proj-SECRET-ps7Kq2Vx9mLw4Rt8Zb3N" },
  { shape: "a key shaped unlike sk-", key: "gw_live.SECRET.tenant42.Qz8Nw3Lp5Xv" },
] as const;

const STREAMED_TEXT = "Apple pie, then apple crumble.";
const CALLED_TEXT = "Apple pie, apple crumble and tarte Tatin.";

const COMPLETION: ChatCompletion = {
  id: "chatcmpl-secrets-1",
  object: "chat.completion",
  created: 1_700_000_123,
  model: "gpt-4o-mini-2024-07-18",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: CALLED_TEXT, refusal: null },
      finish_reason: "stop",
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 14, completion_tokens: 11, total_tokens: 25 },
};

const served = createOpenAITextChunks(STREAMED_TEXT);
/** The role chunk and the first two pieces of text, sent before a failure in the middle of a stream. */
const before = served.slice(0, 3);

const serveChat = trackServers(afterEach, startOpenAIChatServer);
const serveRaw = trackServers(afterEach, startLoopbackServer);

function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Prompts = Pick<typeof promptstreamOpenAI, "OpenAIPrompt">;

/** A prompt without retries, so that each scenario sends one request per read. */
function askWith(prompts: Prompts, client: promptstreamOpenAI.OpenAIClientOption | undefined) {
  return class Ask extends prompts.OpenAIPrompt({
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

async function chat(
  script: (request: RecordedRequest) => OpenAIChatScript | Promise<OpenAIChatScript>,
): Promise<SecretsTarget> {
  return serveChat(script);
}

function answer(request: RecordedRequest): OpenAIChatScript {
  return (request.body as { stream?: boolean }).stream === true
    ? { chunks: served, chunkDelayMs: 0 }
    : { json: COMPLETION };
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: "a successful stream",
    start: () => chat(answer),
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
    start: () => chat(answer),
    run: async (Ask) => {
      expect((await new Ask(VARS).call()).content).toBe(CALLED_TEXT);
      return [];
    },
  },
  {
    name: "a 401 whose JSON body echoes the key",
    start: (key) =>
      chat(() => ({
        status: 401,
        json: errorBody(
          `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          "invalid_request_error",
          "invalid_api_key",
        ),
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
      return { baseURL: `${server.url}/v1`, requests: server.requests };
    },
    run: failuresBeforeAnyChunk,
    code: "authentication",
  },
  {
    name: "a 500",
    start: () =>
      chat(() => ({
        status: 500,
        json: errorBody("The server had an error while processing your request.", "server_error", null),
      })),
    run: failuresBeforeAnyChunk,
    code: "server_error",
  },
  {
    name: "a malformed chunk in the middle of the stream",
    start: () => chat(() => ({ chunks: [...before, '{"id":"chatcmpl-x","choices":[{"delta":{"content":"broken'] })),
    run: failuresMidStream,
    code: "stream_interrupted",
  },
  {
    name: "a malformed chunk that holds the key (a proxy's text in the stream)",
    start: (key) => chat(() => ({ chunks: [...before, `upstream rejected key ${key}: retry later`] })),
    run: failuresMidStream,
    code: "stream_interrupted",
  },
  {
    name: "an error event in the middle of the stream that echoes the key",
    start: (key) =>
      chat(() => ({ chunks: [...before, errorBody(`internal error while serving key ${key}`, "server_error", null)] })),
    run: failuresMidStream,
    code: "server_error",
  },
  {
    name: "a refused connection",
    start: async () => ({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}/v1`, requests: [] }),
    run: failuresBeforeAnyChunk,
    code: "connection",
  },
  {
    name: "a stream aborted with stream.abort() (StreamAbortedError)",
    start: () => chat(() => ({ chunks: served, chunkDelayMs: 20 })),
    run: failuresOfStreamAbort,
    code: "aborted",
  },
  {
    name: "a stream and a call() aborted by their signal (StreamAbortedError)",
    start: () =>
      chat(async (request) => {
        if ((request.body as { stream?: boolean }).stream === true) return { chunks: served, chunkDelayMs: 20 };
        await delay(300);
        return { json: COMPLETION };
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
      askWith(promptstreamOpenAI, {
        baseURL,
        apiKey: key,
        logLevel: "debug",
        logger: capturingLogger(records),
      } satisfies ClientOptions),
  },
  {
    name: 'an OpenAI instance with { logLevel: "debug", logger } (used through its withOptions copy)',
    prepare: async (baseURL, key, records) =>
      askWith(
        promptstreamOpenAI,
        new OpenAI({ baseURL, apiKey: key, logLevel: "debug", logger: capturingLogger(records), maxRetries: 3 }),
      ),
  },
  {
    name: "OPENAI_LOG=debug and the default client from the environment (console captured)",
    console: true,
    prepare: async (baseURL, key) => {
      stubOpenAIEnvironment(baseURL, key);
      // A fresh module graph, so that promptstream builds its default client from this environment.
      vi.resetModules();
      return askWith(await import("./index.js"), undefined);
    },
  },
  {
    name: "OPENAI_LOG=debug and a new OpenAI() from the environment given as client (console captured)",
    console: true,
    prepare: async (baseURL, key) => {
      stubOpenAIEnvironment(baseURL, key);
      return askWith(promptstreamOpenAI, new OpenAI());
    },
  },
];

function stubOpenAIEnvironment(baseURL: string, key: string): void {
  vi.stubEnv("OPENAI_API_KEY", key);
  vi.stubEnv("OPENAI_BASE_URL", baseURL);
  vi.stubEnv("OPENAI_LOG", "debug");
  vi.stubEnv("OPENAI_ORG_ID", undefined);
  vi.stubEnv("OPENAI_PROJECT_ID", undefined);
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

  it("the SDK does redact the authorization header of the request it logs", async () => {
    const records: LogRecord[] = [];
    const Ask = askWith(promptstreamOpenAI, {
      baseURL: (await chat(answer)).baseURL,
      apiKey: KEYS[0].key,
      logLevel: "debug",
      logger: capturingLogger(records),
    });
    await new Ask(VARS).call();
    const sending = records.find((entry) => entry.first.includes("sending request"));
    expect(sending?.written.some((text) => text.includes("authorization: '***'"))).toBe(true);
  });
});
