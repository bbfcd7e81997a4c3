import { ConnectionError } from "@promptstream/core";
import { type ExpectedFailure, interrupted } from "../suite/expected-failure.js";
import type { FaultFamily, ReadScenario } from "../suite/fault-suite.js";
import { PIECES, TEXT, thenWhole, upTo, WHOLE } from "../suite/scenario-script.js";

const connectionFailure: ExpectedFailure = {
  Class: ConnectionError,
  name: "ConnectionError",
  code: "connection",
  retryable: true,
  partialText: "",
};

const CONNECTION_SCENARIOS: Readonly<Record<string, ReadScenario>> = {
  // First, so that a failure of every other scenario can be told apart from a harness that cannot stream at all.
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
};

/** The connection scenarios: a whole stream, then refused and reset connections, before and after the headers. */
export const connectionFaults: FaultFamily = (suite) => suite.readScenarios(CONNECTION_SCENARIOS);
