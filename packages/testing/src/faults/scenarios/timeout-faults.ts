import { expect } from "vitest";
import { timeoutFailure } from "../suite/expected-failure.js";
import type { FaultFamily, ReadScenario } from "../suite/fault-suite.js";
import { expectWholeResponse } from "../suite/read-and-check.js";
import { httpError, PIECES, TEXT, upTo, WHOLE } from "../suite/scenario-script.js";
import { pause } from "../suite/suite-timers.js";

/** The idle timeout of the stall scenarios, and the whole-call timeout of the timeout scenarios. */
const IDLE_MS = 150;
const CALL_TIMEOUT_MS = 250;

const TIMEOUT_SCENARIOS: Readonly<Record<string, ReadScenario>> = {
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

/**
 * The timeout scenarios: stalls against `idleTimeout`, the whole-call `timeout` at each stage,
 * and a slow consumer that `idleTimeout` must not mistake for a stall.
 */
export const timeoutFaults: FaultFamily = ({ harness, scenario, readScenarios }) => {
  readScenarios(TIMEOUT_SCENARIOS);

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
};
