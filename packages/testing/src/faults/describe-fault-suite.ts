import { createHook } from "node:async_hooks";
import {
  AuthenticationError,
  type CallResponse,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  ProviderError,
  RateLimitError,
  type ReliabilityOptions,
  type ResponseChunk,
  type ResponseStream,
  ServerError,
  StreamAbortedError,
  StreamConsumedError,
  StreamInterruptedError,
  TimeoutError,
} from "@promptstream/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedLoopbackPort } from "../assertions.js";
import type { LoopbackServer, RecordedRequest } from "../servers/loopback-server.js";
import type { FaultHarness, FaultScript } from "./fault-harness.js";

const TEMPLATE = "Recommend a recipe with {ingredient}";
const PIECES = ["Apple", " pie", " with", " cinnamon", " and", " cream."] as const;
const TEXT = PIECES.join("");
/** The text of the first `n` pieces: what a stream cut after them has delivered. */
const upTo = (n: number): string => PIECES.slice(0, n).join("");
const WHOLE: FaultScript = { kind: "stream", pieces: PIECES };

/** The idle timeout of the stall scenarios, and the whole-call timeout of the timeout scenarios. */
const IDLE_MS = 150;
const CALL_TIMEOUT_MS = 250;
/** How long a scenario may take to let go of its sockets and timers once its servers are closed. */
const HANDLE_GRACE_MS = 500;
/** The handle kinds a stream must not leave behind (`process.getActiveResourcesInfo()` names). */
const WATCHED_HANDLES = ["Timeout", "TCPSocketWrap", "TCPWRAP", "TCPServerWrap", "TCPSERVERWRAP"];
/**
 * The same kinds as async hooks name them. Counting active resources misses unref'd timers
 * (core's deadline timer is one), and a timer of the test runner's that ends during a
 * scenario can hide one left behind: the scenario also tracks each one it creates.
 */
const TRACKED_RESOURCES = new Set(["Timeout", "TCPWRAP", "TCPSERVERWRAP"]);
/**
 * Process-wide timers that outlive a scenario by design, at most once each, and stop by
 * themselves (both unref'd): undici's clock (`onTick`, every 499 ms while any connection has
 * a timeout) and `node:http`'s cache of the `Date` header (`resetCache`, up to 1 s). They are
 * not the scenario's: the tracker leaves them out, by the name of their callback.
 */
const PROCESS_WIDE_TIMERS = new Set(["onTick", "resetCache"]);
const CONCURRENT_STREAMS = 100;
/** The idle timeout of the stalled streams among the concurrent ones. */
const CONCURRENT_IDLE_MS = 1_000;
const SCENARIO_TIMEOUT_MS = 15_000;

/** The failure a scenario must end with, as the user sees it. */
interface ExpectedFailure {
  /** Checked with `instanceof`; `name` is checked as well. */
  readonly Class: abstract new (
    ...args: never[]
  ) => Error;
  /** Further classes the error must be an instance of, e.g. `InvalidRequestError` for a `NotFoundError`. */
  readonly alsoInstanceOf?: ReadonlyArray<abstract new (...args: never[]) => Error>;
  readonly name: string;
  readonly code: string;
  readonly retryable: boolean;
  /** The text received before the failure, computed from the script. */
  readonly partialText: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** A piece of the message that tells the user what happened, e.g. which timeout. */
  readonly messageIncludes?: string;
  /** The abort's reason, kept as `reason` and `cause` of a `StreamAbortedError`. */
  readonly reason?: unknown;
}

/** How a run must end: with the whole text, or with a failure; and how many requests it took. */
type Outcome = ({ readonly text: string } | { readonly failure: ExpectedFailure }) & {
  /** Requests the server saw, and `stream.attempts`. */
  readonly attempts: number;
};

/** How a stream is read: `for await`, then `text()` and `response()`; or `text()` first, then `response()`. */
type ReadMode = "for await" | "text()";
const READ_MODES: readonly ReadMode[] = ["for await", "text()"];

/** The item at `n`, counting round a non-empty list again and again. */
function cycle<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error("cycle() needs a non-empty list");
  return item;
}

/** Answers the n-th request (from 1) of a scenario's server. */
type Answer = (attempt: number, request: RecordedRequest) => FaultScript;

/** A scripted server, with when each request arrived (`performance.now()`). */
interface FaultServer extends LoopbackServer {
  readonly arrivals: readonly number[];
}

/** A scenario whose stream is read once per read mode, each time from a fresh server. */
interface ReadScenario {
  /** What each request is answered with; `undefined` for a URL where nothing listens. */
  readonly answer: Answer | undefined;
  /** Call-level reliability options (the definition sets `retryDelayMs: 1`; `maxRetries` keeps its default, 2). */
  readonly options?: ReliabilityOptions;
  readonly outcome: Outcome;
  /** For a failure that a retry hides: what a user sees of it with `maxRetries: 0` (one more run, read with `for await`). */
  readonly withRetriesOff?: ExpectedFailure;
  /**
   * The requests (1 for the first) the client must have hung up on, giving up on a stall, or
   * `true` for all of them; checked before the server closes.
   */
  readonly clientHangsUp?: true | readonly number[];
  /** The least time between two requests, e.g. the `retry-after-ms` the server asked for. */
  readonly minRetryGapMs?: number;
  /** The most time between two requests, e.g. to show that a longer `retry-after` was not the one used. */
  readonly maxRetryGapMs?: number;
}

const connectionFailure: ExpectedFailure = {
  Class: ConnectionError,
  name: "ConnectionError",
  code: "connection",
  retryable: true,
  partialText: "",
};

const timeoutFailure = (partialText: string, which: "idle" | "call"): ExpectedFailure => ({
  Class: TimeoutError,
  name: "TimeoutError",
  code: "timeout",
  retryable: true,
  partialText,
  messageIncludes: which === "idle" ? "(idleTimeout)" : "longer than its timeout",
});

const interrupted = (partialText: string, retryable = true): ExpectedFailure => ({
  Class: StreamInterruptedError,
  name: "StreamInterruptedError",
  code: "stream_interrupted",
  retryable,
  partialText,
});

const aborted = (partialText: string, reason?: unknown): ExpectedFailure => ({
  Class: StreamAbortedError,
  name: "StreamAbortedError",
  code: "aborted",
  retryable: false,
  partialText,
  reason,
});

const httpError = (status: number, message: string, headers?: Record<string, string>): FaultScript => ({
  kind: "http-error",
  status,
  message,
  headers,
});

/** `failing` for the first `times` requests, then the whole answer. */
const thenWhole =
  (times: number, failing: FaultScript): Answer =>
  (attempt) =>
    attempt <= times ? failing : WHOLE;

/** The scenarios every adapter runs the same way, read with each read mode. */
const READ_SCENARIOS: Readonly<Record<string, ReadScenario>> = {
  "no fault: a whole stream": {
    answer: () => WHOLE,
    outcome: { text: TEXT, attempts: 1 },
  },
  "connection refused on every attempt": {
    answer: undefined,
    outcome: { failure: connectionFailure, attempts: 3 },
  },
  "connection reset before the headers on every attempt": {
    answer: () => ({ kind: "reset-before-headers" }),
    outcome: { failure: connectionFailure, attempts: 3 },
  },
  "connection reset after the headers, before any event, then the whole stream": {
    answer: thenWhole(1, { kind: "stream", pieces: PIECES, cut: { after: 0, how: "reset" } }),
    outcome: { text: TEXT, attempts: 2 },
    withRetriesOff: interrupted(""),
  },
  "connection reset mid-stream, after 3 pieces (not retried)": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "reset" } }),
    outcome: { failure: interrupted(upTo(3)), attempts: 1 },
  },
  "HTTP 401 (not retried)": {
    answer: () => httpError(401, "Incorrect API key provided."),
    outcome: {
      failure: {
        Class: AuthenticationError,
        name: "AuthenticationError",
        code: "authentication",
        retryable: false,
        partialText: "",
        status: 401,
      },
      attempts: 1,
    },
  },
  "HTTP 404 (not retried)": {
    answer: () => httpError(404, "The model does not exist."),
    outcome: {
      failure: {
        Class: NotFoundError,
        alsoInstanceOf: [InvalidRequestError],
        name: "NotFoundError",
        code: "not_found",
        retryable: false,
        partialText: "",
        status: 404,
      },
      attempts: 1,
    },
  },
  "HTTP 429 with retry-after-ms: 20, then the whole stream": {
    // retry-after (1 s) is there too: retry-after-ms wins.
    answer: thenWhole(1, httpError(429, "Rate limit reached.", { "retry-after-ms": "20", "retry-after": "1" })),
    outcome: { text: TEXT, attempts: 2 },
    minRetryGapMs: 19,
    // retry-after-ms (20 ms) is honoured, not the retry-after of 1 s beside it.
    maxRetryGapMs: 900,
    withRetriesOff: {
      Class: RateLimitError,
      name: "RateLimitError",
      code: "rate_limited",
      retryable: true,
      partialText: "",
      status: 429,
      retryAfterMs: 20,
    },
  },
  "HTTP 500, then the whole stream": {
    answer: thenWhole(1, httpError(500, "The server had an error.")),
    outcome: { text: TEXT, attempts: 2 },
    withRetriesOff: {
      Class: ServerError,
      name: "ServerError",
      code: "server_error",
      retryable: true,
      partialText: "",
      status: 500,
    },
  },
  "HTTP 500 on every attempt (retries exhausted)": {
    answer: () => httpError(500, "The server had an error."),
    outcome: {
      failure: {
        Class: ServerError,
        name: "ServerError",
        code: "server_error",
        retryable: true,
        partialText: "",
        status: 500,
      },
      attempts: 3,
    },
  },
  "HTTP 529 twice, then the whole stream": {
    answer: thenWhole(2, httpError(529, "Overloaded.")),
    outcome: { text: TEXT, attempts: 3 },
    withRetriesOff: {
      Class: OverloadedError,
      alsoInstanceOf: [ServerError],
      name: "OverloadedError",
      code: "overloaded",
      retryable: true,
      partialText: "",
      status: 529,
    },
  },
  "HTTP 503, then the whole stream": {
    answer: thenWhole(1, httpError(503, "Service unavailable.")),
    outcome: { text: TEXT, attempts: 2 },
    withRetriesOff: {
      Class: OverloadedError,
      alsoInstanceOf: [ServerError],
      name: "OverloadedError",
      code: "overloaded",
      retryable: true,
      partialText: "",
      status: 503,
    },
  },
  "HTTP 429 with a retry-after too long to wait for (120 s): reported at once": {
    answer: () => httpError(429, "Rate limit reached.", { "retry-after": "120" }),
    outcome: {
      failure: {
        Class: RateLimitError,
        name: "RateLimitError",
        code: "rate_limited",
        retryable: true,
        partialText: "",
        status: 429,
        retryAfterMs: 120_000,
      },
      attempts: 1,
    },
  },
  "the provider's error event mid-stream, after 3 pieces (not retried)": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "error-event" } }),
    outcome: {
      failure: { Class: ServerError, name: "ServerError", code: "server_error", retryable: true, partialText: upTo(3) },
      attempts: 1,
    },
  },
  "a malformed JSON chunk after 3 pieces (not retried)": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "malformed" } }),
    outcome: { failure: interrupted(upTo(3), false), attempts: 1 },
  },
  "a stream that ends cleanly without its final event": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: PIECES.length, how: "truncate" } }),
    outcome: { failure: interrupted(TEXT), attempts: 1 },
  },
  "a stall after the final event ([DONE] / message_stop), the connection held open: the answer is whole": {
    answer: () => ({ kind: "stream", pieces: PIECES, holdOpen: true }),
    options: { idleTimeout: IDLE_MS },
    outcome: { text: TEXT, attempts: 1 },
    clientHangsUp: true,
  },
  "a stall mid-stream, after 3 pieces: idleTimeout (not retried)": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "stall" } }),
    options: { idleTimeout: IDLE_MS },
    outcome: { failure: timeoutFailure(upTo(3), "idle"), attempts: 1 },
    clientHangsUp: true,
  },
  "a stall before the headers, then one after them, then the whole stream: idleTimeout, retried": {
    answer: (attempt) =>
      attempt === 1
        ? { kind: "stall-before-headers" }
        : attempt === 2
          ? { kind: "stream", pieces: PIECES, cut: { after: 0, how: "stall" } }
          : WHOLE,
    options: { idleTimeout: IDLE_MS },
    outcome: { text: TEXT, attempts: 3 },
    clientHangsUp: [1, 2],
    // Each retry waits out the idle timeout (measured at the server, which sees the request a little after the read began).
    minRetryGapMs: IDLE_MS * 0.8,
  },
  "a stall before the first chunk on every attempt: idleTimeout, retries exhausted": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 0, how: "stall" } }),
    options: { idleTimeout: IDLE_MS },
    outcome: { failure: timeoutFailure("", "idle"), attempts: 3 },
    clientHangsUp: true,
  },
  "the whole-call timeout during a stall mid-stream, after 3 pieces": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "stall" } }),
    options: { timeout: CALL_TIMEOUT_MS },
    outcome: { failure: timeoutFailure(upTo(3), "call"), attempts: 1 },
    clientHangsUp: true,
  },
  "the whole-call timeout while waiting for the headers (not retried)": {
    answer: () => ({ kind: "stall-before-headers" }),
    options: { timeout: CALL_TIMEOUT_MS },
    outcome: { failure: timeoutFailure("", "call"), attempts: 1 },
    clientHangsUp: true,
  },
  "the whole-call timeout during the wait before a retry (retry-after-ms: 5000)": {
    answer: () => httpError(500, "The server had an error.", { "retry-after-ms": "5000" }),
    options: { timeout: CALL_TIMEOUT_MS },
    outcome: { failure: timeoutFailure("", "call"), attempts: 1 },
  },
};

/** What a scenario needs: servers closed after it, and the prompt pointed at one. */
interface ScenarioContext<TClient> {
  serve(answer: Answer): Promise<FaultServer>;
  ask(client: TClient, ingredient?: string, options?: ReliabilityOptions): Prompt;
}

interface Prompt {
  stream(callParams?: undefined, options?: ReliabilityOptions): ResponseStream<ResponseChunk, CallResponse>;
}

/**
 * Registers a vitest `describe` that injects every fault a provider's HTTP stream can meet
 * (refused and reset connections, HTTP errors, retry-after, malformed and truncated streams,
 * stalls, timeouts, aborts at every stage, and 100 concurrent streams with faults mixed in)
 * over real loopback HTTP through the adapter's real SDK. For each it checks what the user
 * sees: the error's class, `name`, `code`, `retryable` and `partialText`, the requests sent
 * (the server's count and `stream.attempts`), text delivered exactly once, the same failure
 * from `for await`, `text()` and `response()`, no unhandled rejection, and no socket or timer
 * left behind. It ends by printing `fault suite <name>: N scenarios, N passed`.
 *
 * @example
 * describeFaultSuite({ name: "openai", Prompt: OpenAIPrompt, wire: openAIChatFaultWire });
 */
export function describeFaultSuite<TClient>(harness: FaultHarness<TClient>): void {
  describe(`${harness.name} fault injection`, () => {
    const unhandled: unknown[] = [];
    const onUnhandledRejection = (reason: unknown) => {
      unhandled.push(reason);
    };
    const tally = { scenarios: 0, passed: 0, knownBugs: 0 };

    beforeAll(() => {
      process.on("unhandledRejection", onUnhandledRejection);
    });
    afterAll(() => {
      process.off("unhandledRejection", onUnhandledRejection);
      const bugs =
        tally.knownBugs === 0
          ? ""
          : ` (${tally.knownBugs} known bug${tally.knownBugs === 1 ? "" : "s"}, run as it.fails)`;
      console.log(`fault suite ${harness.name}: ${tally.scenarios} scenarios, ${tally.passed} passed${bugs}`);
      for (const [name, bug] of Object.entries(harness.knownBugs ?? {}))
        console.log(`  known bug in "${name}": ${bug}`);
      expect(unhandled, "unhandled rejections during the fault suite").toEqual([]);
    });

    /** Registers one scenario: its body, then the checks every scenario shares. */
    function scenario(name: string, body: (context: ScenarioContext<TClient>) => Promise<void>): void {
      const bug = harness.knownBugs?.[name];
      tally.scenarios += 1;
      if (bug !== undefined) tally.knownBugs += 1;
      (bug === undefined ? it : it.fails)(
        name,
        async () => {
          const handlesBefore = watchedHandles();
          const created = trackResources();
          const unhandledBefore = unhandled.length;
          const servers: FaultServer[] = [];
          const context: ScenarioContext<TClient> = {
            async serve(answer) {
              let count = 0;
              const arrivals: number[] = [];
              const server = await harness.wire.start((request) => {
                arrivals.push(performance.now());
                count += 1;
                return answer(count, request);
              });
              const tracked = { ...server, arrivals };
              servers.push(tracked);
              return tracked;
            },
            ask(client, ingredient = "apples", options = {}) {
              const Ask = harness.Prompt({ template: TEMPLATE, client, retryDelayMs: 1 });
              return new Ask({ ingredient }, options);
            },
          };
          try {
            await body(context);
          } finally {
            await Promise.all(servers.map((server) => server.close()));
          }
          // Let any rejection nobody handled surface before looking.
          await pause(5);
          expect(unhandled.slice(unhandledBefore), "unhandled rejections").toEqual([]);
          try {
            await expectHandlesBack(handlesBefore, created);
          } finally {
            created.stop();
          }
          tally.passed += 1;
        },
        SCENARIO_TIMEOUT_MS,
      );
    }

    /** One run of a read scenario: a fresh server (or none), one stream, read one way, then every check. */
    async function run(
      context: ScenarioContext<TClient>,
      spec: ReadScenario,
      mode: ReadMode,
      outcome: Outcome,
      options: ReliabilityOptions,
    ): Promise<void> {
      const server = spec.answer === undefined ? undefined : await context.serve(spec.answer);
      const url = server?.url ?? `http://127.0.0.1:${await closedLoopbackPort()}`;
      const stream = context.ask(harness.wire.client(url)).stream(undefined, options);
      const where = `read with ${mode}, options ${JSON.stringify(options)}`;
      await readAndCheck(stream, mode, outcome, harness.name, where);
      expect(server?.requests.length ?? 0, `requests the server saw, ${where}`).toBe(
        spec.answer === undefined ? 0 : outcome.attempts,
      );
      if (server !== undefined && spec.clientHangsUp !== undefined) {
        const hungUpOn = spec.clientHangsUp === true ? server.requests.map((_, i) => i + 1) : spec.clientHangsUp;
        for (const n of hungUpOn)
          expect(await outcomeSoon(server.requests[n - 1]), `the client hung up on request ${n}, ${where}`).toBe(
            "closed-early",
          );
      }
      if (server !== undefined) {
        const gaps = server.arrivals.slice(1).map((arrival, i) => arrival - (server.arrivals[i] ?? 0));
        for (const gap of gaps) {
          if (spec.minRetryGapMs !== undefined)
            expect(gap, `time between attempts, ${where}`).toBeGreaterThanOrEqual(spec.minRetryGapMs);
          if (spec.maxRetryGapMs !== undefined)
            expect(gap, `time between attempts, ${where}`).toBeLessThan(spec.maxRetryGapMs);
        }
      }
    }

    for (const [name, spec] of Object.entries(READ_SCENARIOS)) {
      scenario(name, async (context) => {
        for (const mode of READ_MODES) await run(context, spec, mode, spec.outcome, spec.options ?? {});
        if (spec.withRetriesOff !== undefined) {
          await run(
            context,
            spec,
            "for await",
            { failure: spec.withRetriesOff, attempts: 1 },
            { ...spec.options, maxRetries: 0 },
          );
        }
      });
    }

    scenario("a consumer slower than idleTimeout between reads is not timed out", async ({ serve, ask }) => {
      const server = await serve(() => WHOLE);
      const stream = ask(harness.wire.client(server.url)).stream(undefined, { idleTimeout: IDLE_MS });
      let received = "";
      for await (const chunk of stream) {
        received += chunk.content;
        // The provider has sent everything; the consumer holds each of two pieces for twice the idle timeout.
        if (received === upTo(2) || received === upTo(4)) await pause(IDLE_MS * 2);
      }
      expect(received).toBe(TEXT);
      expectWholeResponse(await stream.response());
      expect(stream.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    });

    scenario("abort before the request is sent", async ({ serve, ask }) => {
      const server = await serve(() => WHOLE);
      const client = harness.wire.client(server.url);
      const controller = new AbortController();
      controller.abort();
      // An aborted signal at the instance level; stream.abort() before the first read; an aborted signal at the call level.
      const byInstanceSignal = new (harness.Prompt({ template: TEMPLATE, client, retryDelayMs: 1 }))(
        { ingredient: "apples" },
        { signal: controller.signal },
      ).stream();
      await readAndCheck(
        byInstanceSignal,
        "for await",
        { failure: aborted(""), attempts: 0 },
        harness.name,
        "instance signal",
      );
      const byAbort = ask(client).stream();
      byAbort.abort();
      await readAndCheck(byAbort, "text()", { failure: aborted(""), attempts: 0 }, harness.name, "stream.abort()");
      const byCallSignal = ask(client).stream(undefined, { signal: controller.signal });
      await readAndCheck(byCallSignal, "for await", { failure: aborted(""), attempts: 0 }, harness.name, "call signal");
      await pause(50);
      expect(server.requests).toHaveLength(0);
    });

    scenario("abort while waiting for the headers", async ({ serve, ask }) => {
      const server = await serve(() => ({ kind: "stall-before-headers" }));
      const client = harness.wire.client(server.url);
      // A call-level signal, read with for await; then stream.abort(), read with text().
      const controller = new AbortController();
      const bySignal = ask(client).stream(undefined, { signal: controller.signal });
      const readingBySignal = readAndCheck(
        bySignal,
        "for await",
        { failure: aborted(""), attempts: 1 },
        harness.name,
        "signal",
      );
      await until(() => server.requests.length === 1);
      await pause(20);
      controller.abort();
      await readingBySignal;
      const byAbort = ask(client).stream();
      const readingByAbort = readAndCheck(
        byAbort,
        "text()",
        { failure: aborted(""), attempts: 1 },
        harness.name,
        "stream.abort()",
      );
      await until(() => server.requests.length === 2);
      await pause(20);
      byAbort.abort();
      await readingByAbort;
      expect(server.requests).toHaveLength(2);
      for (const request of server.requests) expect(await outcomeSoon(request)).toBe("closed-early");
    });

    scenario("abort during the wait before a retry", async ({ serve, ask }) => {
      const server = await serve(() => httpError(500, "The server had an error.", { "retry-after-ms": "5000" }));
      const stream = ask(harness.wire.client(server.url)).stream();
      const reading = readAndCheck(
        stream,
        "text()",
        { failure: aborted(""), attempts: 1 },
        harness.name,
        "abort during backoff",
      );
      await until(() => server.requests.length === 1);
      await pause(50);
      stream.abort();
      await reading;
      expect(server.requests).toHaveLength(1);
    });

    scenario("abort between chunks, after 3 pieces", async ({ serve, ask }) => {
      const server = await serve(() => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "stall" } }));
      const client = harness.wire.client(server.url);
      // From the loop's body, with no read pending.
      const inLoop = ask(client).stream();
      let received = "";
      const inLoopError = await rejectionOf(
        (async () => {
          for await (const chunk of inLoop) {
            received += chunk.content;
            if (received === upTo(3)) inLoop.abort("enough");
          }
        })(),
      );
      expect(received).toBe(upTo(3));
      expectFailure(inLoopError, aborted(upTo(3), "enough"), harness.name, "abort() in the loop");
      expect(await rejectionOf(inLoop.text())).toBe(inLoopError);
      expect(await rejectionOf(inLoop.response())).toBe(inLoopError);
      expect(inLoop.attempts).toBe(1);
      // From outside, while the loop waits for the 4th piece.
      const controller = new AbortController();
      const outside = ask(client).stream(undefined, { signal: controller.signal });
      let outsideReceived = "";
      const loop = rejectionOf(
        (async () => {
          for await (const chunk of outside) outsideReceived += chunk.content;
        })(),
      );
      await until(() => outsideReceived === upTo(3));
      await pause(20);
      const reason = new Error("The user left the page.");
      controller.abort(reason);
      const outsideError = await loop;
      expect(outsideReceived).toBe(upTo(3));
      expectFailure(outsideError, aborted(upTo(3), reason), harness.name, "signal while a read waits");
      expect(await rejectionOf(outside.text())).toBe(outsideError);
      expect(await rejectionOf(outside.response())).toBe(outsideError);
      expect(outside.attempts).toBe(1);
      expect(server.requests).toHaveLength(2);
      for (const request of server.requests) expect(await outcomeSoon(request)).toBe("closed-early");
    });

    scenario("abort after the end changes nothing", async ({ serve, ask }) => {
      const server = await serve(() => WHOLE);
      const client = harness.wire.client(server.url);
      const controller = new AbortController();
      const looped = ask(client).stream(undefined, { signal: controller.signal });
      let received = "";
      for await (const chunk of looped) received += chunk.content;
      looped.abort();
      controller.abort();
      expect(received).toBe(TEXT);
      expect(await looped.text()).toBe(TEXT);
      expectWholeResponse(await looped.response());
      expect(looped.attempts).toBe(1);
      const read = ask(client).stream();
      expect(await read.text()).toBe(TEXT);
      read.abort();
      expectWholeResponse(await read.response());
      expect(await read.text()).toBe(TEXT);
      expect(read.attempts).toBe(1);
      expect(server.requests).toHaveLength(2);
    });

    scenario(`${CONCURRENT_STREAMS} concurrent streams with faults mixed in`, async ({ serve, ask }) => {
      const attemptsByDish = new Map<number, number>();
      const server = await serve((_attempt, request) => {
        const n = Number(/dish #(\d+)/.exec(JSON.stringify(request.body))?.[1]);
        const seen = (attemptsByDish.get(n) ?? 0) + 1;
        attemptsByDish.set(n, seen);
        return cycle(MIXED_FAULTS, n).answer(seen, dishPieces(n));
      });
      const client = harness.wire.client(server.url);
      const runs = Array.from({ length: CONCURRENT_STREAMS }, async (_, n) => {
        const fault = cycle(MIXED_FAULTS, n);
        const stream = ask(client, `dish #${n}`).stream(undefined, fault.options);
        const mode = cycle(READ_MODES, n);
        await readAndCheck(
          stream,
          mode,
          fault.outcome(dishPieces(n)),
          harness.name,
          `stream ${n} (${fault.name}), read with ${mode}`,
        );
        return fault.outcome(dishPieces(n)).attempts;
      });
      const attempts = await Promise.all(runs);
      expect(server.requests).toHaveLength(attempts.reduce((sum, n) => sum + n, 0));
      for (const [n, count] of attemptsByDish) expect(count, `requests for stream ${n}`).toBe(attempts[n]);
    });
  });
}

/** One fault of the concurrent scenario, for a stream of its own pieces. */
interface MixedFault {
  readonly name: string;
  readonly answer: (attempt: number, pieces: readonly string[]) => FaultScript;
  readonly options?: ReliabilityOptions;
  readonly outcome: (pieces: readonly string[]) => Outcome;
}

const dishPieces = (n: number): string[] => ["Recipe", " for", " dish", ` #${n}`, " with", " apples."];
const whole = (pieces: readonly string[]): FaultScript => ({ kind: "stream", pieces });
const firstThenWhole =
  (failing: FaultScript) =>
  (attempt: number, pieces: readonly string[]): FaultScript =>
    attempt === 1 ? failing : whole(pieces);

const MIXED_FAULTS: readonly MixedFault[] = [
  {
    name: "no fault",
    answer: (_, pieces) => whole(pieces),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 1 }),
  },
  {
    name: "500 then whole",
    answer: firstThenWhole(httpError(500, "The server had an error.")),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
  {
    name: "429 retry-after-ms 20 then whole",
    answer: firstThenWhole(httpError(429, "Rate limit reached.", { "retry-after-ms": "20" })),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
  {
    name: "reset after 2 pieces",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: 2, how: "reset" } }),
    outcome: (pieces) => ({ failure: interrupted(pieces.slice(0, 2).join("")), attempts: 1 }),
  },
  {
    name: "401",
    answer: () => httpError(401, "Incorrect API key provided."),
    outcome: () => ({
      failure: {
        Class: AuthenticationError,
        name: "AuthenticationError",
        code: "authentication",
        retryable: false,
        partialText: "",
        status: 401,
      },
      attempts: 1,
    }),
  },
  {
    name: "no final event",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: pieces.length, how: "truncate" } }),
    outcome: (pieces) => ({ failure: interrupted(pieces.join("")), attempts: 1 }),
  },
  {
    name: "malformed after 3 pieces",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: 3, how: "malformed" } }),
    outcome: (pieces) => ({ failure: interrupted(pieces.slice(0, 3).join(""), false), attempts: 1 }),
  },
  {
    name: "529 then whole",
    answer: firstThenWhole(httpError(529, "Overloaded.")),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
  {
    name: "stall after 1 piece",
    answer: (_, pieces) => ({ kind: "stream", pieces, cut: { after: 1, how: "stall" } }),
    // Generous: with 100 streams starting at once, a request may leave hundreds of ms after its read began.
    options: { idleTimeout: CONCURRENT_IDLE_MS },
    outcome: (pieces) => ({ failure: timeoutFailure(pieces[0] ?? "", "idle"), attempts: 1 }),
  },
  {
    name: "reset before the headers then whole",
    answer: firstThenWhole({ kind: "reset-before-headers" }),
    outcome: (pieces) => ({ text: pieces.join(""), attempts: 2 }),
  },
];

/**
 * Reads `stream` one way and checks the outcome: the text exactly once, or the failure, the
 * same from every reader, with the text received before it equal to its `partialText`.
 */
async function readAndCheck(
  stream: ResponseStream<ResponseChunk, CallResponse>,
  mode: ReadMode,
  outcome: Outcome,
  provider: string,
  where: string,
): Promise<void> {
  if (mode === "for await") {
    let received = "";
    let loopError: unknown;
    let failed = false;
    try {
      for await (const chunk of stream) received += chunk.content;
    } catch (error) {
      failed = true;
      loopError = error;
    }
    if ("text" in outcome) {
      expect(failed ? loopError : undefined, `the loop, ${where}`).toBeUndefined();
      expect(received, `the text, once, ${where}`).toBe(outcome.text);
      expect(await stream.text(), `text() after the loop, ${where}`).toBe(outcome.text);
      expectWholeResponse(await stream.response(), outcome.text);
    } else {
      expect(failed, `the loop fails, ${where}`).toBe(true);
      expectFailure(loopError, outcome.failure, provider, where);
      expect(received, `the text the loop received, ${where}`).toBe(outcome.failure.partialText);
      expect(await rejectionOf(stream.text()), `text() rejects with the loop's error, ${where}`).toBe(loopError);
      expect(await rejectionOf(stream.response()), `response() rejects with the loop's error, ${where}`).toBe(
        loopError,
      );
    }
  } else if ("text" in outcome) {
    expect(await stream.text(), `text(), ${where}`).toBe(outcome.text);
    expectWholeResponse(await stream.response(), outcome.text);
    expect(() => stream[Symbol.asyncIterator](), `a loop after text(), ${where}`).toThrow(StreamConsumedError);
  } else {
    const error = await rejectionOf(stream.text());
    expectFailure(error, outcome.failure, provider, where);
    expect(await rejectionOf(stream.response()), `response() rejects with text()'s error, ${where}`).toBe(error);
    expect(await rejectionOf(stream.text()), `text() again, ${where}`).toBe(error);
  }
  expect(stream.attempts, `stream.attempts, ${where}`).toBe(outcome.attempts);
}

function expectFailure(error: unknown, expected: ExpectedFailure, provider: string, where: string): void {
  expect(error, `the error's class, ${where}`).toBeInstanceOf(expected.Class);
  for (const Class of expected.alsoInstanceOf ?? []) expect(error, `the error's class, ${where}`).toBeInstanceOf(Class);
  const actual = error as Record<string, unknown>;
  const seen = {
    name: actual.name,
    code: actual.code,
    retryable: actual.retryable,
    partialText: actual.partialText,
    provider: actual.provider,
    ...(expected.status === undefined ? {} : { status: actual.status }),
    ...(expected.retryAfterMs === undefined ? {} : { retryAfterMs: actual.retryAfterMs }),
  };
  expect(seen, `the error, ${where}: ${String(error)}`).toEqual({
    name: expected.name,
    code: expected.code,
    retryable: expected.retryable,
    partialText: expected.partialText,
    provider,
    ...(expected.status === undefined ? {} : { status: expected.status }),
    ...(expected.retryAfterMs === undefined ? {} : { retryAfterMs: expected.retryAfterMs }),
  });
  if (expected.Class !== StreamAbortedError) expect(error, `a ProviderError, ${where}`).toBeInstanceOf(ProviderError);
  if (expected.messageIncludes !== undefined)
    expect((error as Error).message, `the message, ${where}`).toContain(expected.messageIncludes);
  if (expected.reason !== undefined)
    expect({ reason: actual.reason, cause: actual.cause }, `the abort reason, ${where}`).toEqual({
      reason: expected.reason,
      cause: expected.reason,
    });
}

function expectWholeResponse(response: CallResponse, text = TEXT): void {
  expect(response.content).toBe(text);
  expect(response.finishReason).toBe("stop");
}

/** The watched handles open now, by kind. */
function watchedHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED_HANDLES.includes(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

/** The timers and TCP handles created since it started that are not destroyed yet, by kind. */
interface ResourceTracker {
  alive(): Record<string, number>;
  stop(): void;
}

function trackResources(): ResourceTracker {
  const alive = new Map<number, { type: string; resource: object }>();
  const hook = createHook({
    init(asyncId, type, _triggerAsyncId, resource) {
      if (TRACKED_RESOURCES.has(type)) alive.set(asyncId, { type, resource });
    },
    destroy(asyncId) {
      alive.delete(asyncId);
    },
  }).enable();
  return {
    alive() {
      const counts: Record<string, number> = {};
      for (const { type, resource } of alive.values()) {
        if (suiteTimers.has(resource) || PROCESS_WIDE_TIMERS.has(timerCallbackName(resource))) continue;
        counts[type] = (counts[type] ?? 0) + 1;
      }
      return counts;
    },
    stop: () => hook.disable(),
  };
}

/**
 * Waits (up to {@link HANDLE_GRACE_MS}) for the watched handles to be back to their counts
 * before the scenario, and for every timer and socket the scenario created to be gone.
 */
async function expectHandlesBack(before: ReadonlyMap<string, number>, created: ResourceTracker): Promise<void> {
  const deadline = performance.now() + HANDLE_GRACE_MS;
  for (;;) {
    const extra: Record<string, number> = {};
    for (const [kind, count] of watchedHandles()) {
      const more = count - (before.get(kind) ?? 0);
      if (more > 0) extra[kind] = more;
    }
    const left = created.alive();
    if (Object.keys(extra).length === 0 && Object.keys(left).length === 0) return;
    if (performance.now() > deadline) {
      expect(
        extra,
        `active resources beyond those before the scenario, ${HANDLE_GRACE_MS} ms after its servers closed`,
      ).toEqual({});
      expect(
        left,
        `timers and sockets the scenario created, still there ${HANDLE_GRACE_MS} ms after its servers closed`,
      ).toEqual({});
      return;
    }
    await pause(10);
  }
}

/** How a request ended, or `"still open"` if it has not within half a second. */
function outcomeSoon(request: RecordedRequest | undefined): Promise<string> {
  if (request === undefined) return Promise.resolve("no request");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("still open"), 500);
    suiteTimers.add(timer);
  });
  return Promise.race([request.outcome, open]).finally(() => clearTimeout(timer));
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("timed out waiting for a condition");
    await pause(2);
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** The name of a `Timeout`'s callback (Node keeps it as `_onTimeout`); `""` for other resources. */
function timerCallbackName(resource: object): string {
  const callback: unknown = (resource as { _onTimeout?: unknown })._onTimeout;
  return typeof callback === "function" ? callback.name : "";
}

/** The suite's own timers, which the resource tracker leaves out. */
const suiteTimers = new WeakSet<object>();

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    suiteTimers.add(setTimeout(resolve, ms));
  });
}
