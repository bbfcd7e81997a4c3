import { ServerError } from "@promptstream/core";
import { interrupted } from "../suite/expected-failure.js";
import type { FaultFamily, ReadScenario } from "../suite/fault-suite.js";
import { PIECES, TEXT, upTo } from "../suite/scenario-script.js";

const MID_STREAM_SCENARIOS: Readonly<Record<string, ReadScenario>> = {
  "the provider's error event mid-stream, after 3 pieces (not retried)": {
    answer: () => ({ kind: "stream", pieces: PIECES, cut: { after: 3, how: "error-event" } }),
    outcome: {
      // A 5xx is transient, but three pieces have reached the consumer: resending would repeat them.
      failure: {
        Class: ServerError,
        name: "ServerError",
        code: "server_error",
        retryable: false,
        partialText: upTo(3),
      },
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
};

/** The mid-stream scenarios: the provider's error event, a malformed chunk, and a stream without its final event. */
export const midStreamFaults: FaultFamily = (suite) => suite.readScenarios(MID_STREAM_SCENARIOS);
