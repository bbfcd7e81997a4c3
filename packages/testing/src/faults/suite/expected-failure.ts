import { StreamInterruptedError, TimeoutError } from "@promptstream/core";

/** The failure a scenario must end with, as the user sees it. */
export interface ExpectedFailure {
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
export type Outcome = ({ readonly text: string } | { readonly failure: ExpectedFailure }) & {
  /** Requests the server saw, and `stream.attempts`. */
  readonly attempts: number;
};

/**
 * Whether the same request may be sent again now: the failure is transient and nothing has reached
 * the consumer (in these scripts, every chunk before a fault carries text).
 */
const safeToResend = (transient: boolean, partialText: string): boolean => transient && partialText === "";

/** A `TimeoutError` after `partialText`, whose message names the timeout that fired. */
export const timeoutFailure = (partialText: string, which: "idle" | "call"): ExpectedFailure => ({
  Class: TimeoutError,
  name: "TimeoutError",
  code: "timeout",
  retryable: safeToResend(true, partialText),
  partialText,
  messageIncludes: which === "idle" ? "(idleTimeout)" : "longer than its timeout",
});

/** A `StreamInterruptedError` after `partialText`; a `transient` one (a cut, not malformed data) is retryable before any text. */
export const interrupted = (partialText: string, transient = true): ExpectedFailure => ({
  Class: StreamInterruptedError,
  name: "StreamInterruptedError",
  code: "stream_interrupted",
  retryable: safeToResend(transient, partialText),
  partialText,
});
