/**
 * @module What the page says when a stream fails: one sentence naming what happened, from the
 * typed error the client module throws. Never a stack: the server sends none, and the page does
 * not print the error object.
 */
import { ProviderError, ServerStreamError } from "@promptstream/core/client";

const WHAT_HAPPENED: Readonly<Record<string, string>> = {
  authentication: "The provider rejected the API key",
  permission_denied: "The provider refused access",
  not_found: "The provider does not know this model",
  invalid_request: "The provider rejected the request",
  rate_limited: "The provider is rate limiting requests",
  server_error: "The provider failed",
  overloaded: "The provider is overloaded",
  connection: "The server could not reach the provider",
  timeout: "The provider took too long to answer",
  stream_interrupted: "The connection was cut before the answer ended",
};

export function describeError(error: unknown): string {
  if (error instanceof ProviderError) {
    const what = WHAT_HAPPENED[error.code] ?? "The provider call failed";
    const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
    return `${what}${status}: ${error.message}`;
  }
  if (error instanceof ServerStreamError) return `The server failed: ${error.message}`;
  return "Something went wrong while streaming the answer.";
}
