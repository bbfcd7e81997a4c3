import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  RateLimitError,
  ServerError,
} from "@promptstream/core";
import type { FaultFamily, ReadScenario } from "../suite/fault-suite.js";
import { httpError, TEXT, thenWhole } from "../suite/scenario-script.js";

const HTTP_STATUS_SCENARIOS: Readonly<Record<string, ReadScenario>> = {
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
};

/** The HTTP status scenarios: errors that are not retried, retried ones, and `retry-after` honoured or reported. */
export const httpStatusFaults: FaultFamily = (suite) => suite.readScenarios(HTTP_STATUS_SCENARIOS);
