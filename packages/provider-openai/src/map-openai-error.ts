import { ProviderError, type ProviderErrorCode } from "@promptstream/core";
import { APIConnectionError, APIConnectionTimeoutError, APIError, OpenAIError } from "openai";

const PROVIDER = "openai";

/**
 * Maps what the `openai` SDK threw to a core `ProviderError`, keeping OpenAI's own message
 * (`{error: {message, type, code}}`) with anything that looks like an API key redacted.
 */
export function mapOpenAIError(error: unknown): unknown {
  if (ProviderError.isInstance(error)) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError("The OpenAI request timed out.", { code: "timeout", provider: PROVIDER, cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError(`Could not connect to the OpenAI API: ${redact(error.message)}`, {
      code: "connection",
      provider: PROVIDER,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === "number" ? error.status : undefined;
    return new ProviderError(`OpenAI: ${redact(error.message)}`, {
      code: codeOf(status, error.type),
      provider: PROVIDER,
      status,
      retryAfterMs: retryAfterMs(error.headers),
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(`OpenAI sent a chunk that is not valid JSON: ${error.message}`, {
      code: "stream_interrupted",
      provider: PROVIDER,
      retryable: false,
      cause: error,
    });
  }
  if (error instanceof OpenAIError && /API_KEY|apiKey/.test(error.message)) {
    return new ProviderError(
      "No OpenAI API key: set the OPENAI_API_KEY environment variable, or pass a client: " +
        "OpenAIPrompt({ ..., client: { apiKey } }) or a `new OpenAI()` instance.",
      { code: "authentication", provider: PROVIDER },
    );
  }
  return error;
}

function codeOf(status: number | undefined, type: string | undefined): ProviderErrorCode {
  switch (status) {
    case 400:
    case 409:
    case 413:
    case 422:
      return "invalid_request";
    case 401:
      return "authentication";
    case 403:
      return "permission_denied";
    case 404:
      return "not_found";
    case 408:
      return "timeout";
    case 429:
      return "rate_limited";
    case 503:
    case 529:
      return "overloaded";
  }
  if (status !== undefined && status >= 500) return "server_error";
  // An error event inside a stream has no status; its type says what happened.
  if (status === undefined) return type === "invalid_request_error" ? "invalid_request" : "server_error";
  return "unknown";
}

/** Reads `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after");
  if (value === undefined || value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** OpenAI echoes a masked key in 401 messages; mask what is left of it too. */
function redact(message: string): string {
  return message.replace(/\b(sk|rk)-[A-Za-z0-9_*-]{6,}/g, "$1-[redacted]");
}
