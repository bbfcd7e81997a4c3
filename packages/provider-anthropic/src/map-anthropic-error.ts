import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk/error";
import {
  errorCodeForStatus,
  ProviderError,
  type ProviderErrorCode,
  parseRetryAfter,
  redactSecrets,
} from "@promptstream/core";
import { anthropicBaseURLHint } from "./anthropic-base-url-hint.js";

const PROVIDER = "anthropic";

/** What {@link mapAnthropicError} knows of the call that failed. */
export interface AnthropicErrorContext {
  /** The key the request was sent with, redacted wherever a server echoes it back. */
  readonly apiKey?: string | null | undefined;
  /** The client's base URL: a 404 from a base URL of the wrong shape says how to fix it. */
  readonly baseURL?: string | null | undefined;
  /** Whether the response body was being read: an unknown failure there is a cut stream. */
  readonly inStream?: boolean | undefined;
}

/**
 * Maps what `@anthropic-ai/sdk` threw to a core `ProviderError`, keeping Anthropic's own
 * message from `{type: "error", error: {type, message}}`, whether it came as an HTTP error or
 * as an `event: error` in the middle of a stream. The SDK's error is not kept as `cause` (its
 * message may hold the key): the cause is a redacted copy with status, type and request id.
 */
export function mapAnthropicError(error: unknown, context: AnthropicErrorContext = {}): unknown {
  if (ProviderError.isInstance(error)) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError("The Anthropic request timed out.", { code: "timeout", provider: PROVIDER, cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError(
      `Could not connect to the Anthropic API: ${redactSecrets(error.message, context.apiKey)}`,
      {
        code: "connection",
        provider: PROVIDER,
        cause: error,
      },
    );
  }
  if (error instanceof APIError) {
    const status = typeof error.status === "number" ? error.status : undefined;
    const { type, message } = readErrorBody(error);
    const text = redactSecrets(message, context.apiKey);
    const hint = status === 404 ? anthropicBaseURLHint(context.baseURL) : "";
    return new ProviderError(`Anthropic: ${text}${type === undefined ? "" : ` (${type})`}${hint}`, {
      code: codeOf(status, type),
      provider: PROVIDER,
      status,
      retryAfterMs: parseRetryAfter(error.headers),
      cause: new AnthropicAPIErrorDetails(text, status, type, error.requestID),
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(`Anthropic sent an event that is not valid JSON: ${error.message}`, {
      code: "stream_interrupted",
      provider: PROVIDER,
      retryable: false,
      cause: error,
    });
  }
  // The SDK throws a plain Error (not an AnthropicError) when it finds no credentials.
  if (
    !context.inStream &&
    error instanceof Error &&
    /could not resolve authentication method|api[_ ]?key/i.test(error.message)
  ) {
    return new ProviderError(
      "No Anthropic API key: set the ANTHROPIC_API_KEY environment variable, or pass a client: " +
        "AnthropicPrompt({ ..., client: { apiKey } }) or a `new Anthropic()` instance.",
      { code: "authentication", provider: PROVIDER },
    );
  }
  if (error instanceof AnthropicError && /streaming is (strongly recommended|required)/i.test(error.message)) {
    // The SDK refuses a non-streamed call whose `max_tokens` could outlast its timeout.
    return new ProviderError(
      `Anthropic: ${error.message} Use \`stream()\` (its \`text()\` or \`response()\` give the whole answer), or a smaller \`maxTokens\`.`,
      { code: "invalid_request", provider: PROVIDER, retryable: false },
    );
  }
  if (context.inStream === true && !(error instanceof AnthropicError)) {
    // The body broke off (a reset socket, a cut connection): undici throws a bare TypeError.
    const detail = error instanceof Error ? error.message : String(error);
    return new ProviderError(`The Anthropic stream broke off: ${redactSecrets(detail, context.apiKey)}`, {
      code: "stream_interrupted",
      provider: PROVIDER,
      cause: error,
    });
  }
  return error;
}

/** A redacted copy of the SDK's `APIError`, kept as a `ProviderError`'s cause. */
class AnthropicAPIErrorDetails extends Error {
  override readonly name = "AnthropicAPIError";

  constructor(
    redactedMessage: string,
    readonly status: number | undefined,
    readonly type: string | undefined,
    readonly requestID: string | null | undefined,
  ) {
    super(redactedMessage);
  }
}

/** Anthropic's error type and message, from the body the SDK kept (`error.error`). */
function readErrorBody(error: APIError): { type: string | undefined; message: string } {
  const body = error.error as
    | { error?: { type?: unknown; message?: unknown }; type?: unknown; message?: unknown }
    | undefined;
  const inner = body?.error ?? body;
  const type = typeof inner?.type === "string" && inner.type !== "error" ? inner.type : undefined;
  const message = typeof inner?.message === "string" ? inner.message : error.message;
  return { type, message };
}

const codesByType: Readonly<Record<string, ProviderErrorCode>> = {
  invalid_request_error: "invalid_request",
  request_too_large: "invalid_request",
  authentication_error: "authentication",
  permission_error: "permission_denied",
  not_found_error: "not_found",
  rate_limit_error: "rate_limited",
  api_error: "server_error",
  overloaded_error: "overloaded",
  timeout_error: "timeout",
};

function codeOf(status: number | undefined, type: string | undefined): ProviderErrorCode {
  // An `event: error` in a stream has no status: its type says what happened. Anthropic's error type is more precise than its status (a 504 carries `timeout_error`).
  const byType = type !== undefined && Object.hasOwn(codesByType, type) ? codesByType[type] : undefined;
  if (status === undefined) return byType ?? "server_error";
  return byType ?? errorCodeForStatus(status) ?? "unknown";
}
