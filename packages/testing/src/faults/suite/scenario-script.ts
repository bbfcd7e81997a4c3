import type { RecordedRequest } from "../../servers/loopback-server.js";
import type { FaultScript } from "../fault-harness.js";

/** The template every scenario's prompt is built from. */
export const TEMPLATE = "Recommend a recipe with {ingredient}";
/** The text pieces a scripted server streams. */
export const PIECES = ["Apple", " pie", " with", " cinnamon", " and", " cream."] as const;
/** The whole text of {@link PIECES}. */
export const TEXT = PIECES.join("");
/** The text of the first `n` pieces: what a stream cut after them has delivered. */
export const upTo = (n: number): string => PIECES.slice(0, n).join("");
/** The whole answer, final event included. */
export const WHOLE: FaultScript = { kind: "stream", pieces: PIECES };

/** Answers the n-th request (from 1) of a scenario's server. */
export type Answer = (attempt: number, request: RecordedRequest) => FaultScript;

/** An HTTP error with the provider's own error body holding `message`, and these headers. */
export const httpError = (status: number, message: string, headers?: Record<string, string>): FaultScript => ({
  kind: "http-error",
  status,
  message,
  headers,
});

/** `failing` for the first `times` requests, then the whole answer. */
export const thenWhole =
  (times: number, failing: FaultScript): Answer =>
  (attempt) =>
    attempt <= times ? failing : WHOLE;
