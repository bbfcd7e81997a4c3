import {
  errorCodeForStatus,
  ProviderError,
  type ProviderErrorCode,
  parseRetryAfter,
  redactSecrets as redact,
} from "@promptstream/core";
import { APIConnectionError, APIConnectionTimeoutError, APIError, OpenAIError } from "openai/error";
import { errorMessageFromBody } from "./keep-error-bodies.js";
import { openAIBaseURLHint } from "./openai-base-url-hint.js";

const PROVIDER = "openai";

/** What {@link mapOpenAIError} knows of the call that failed. */
export interface OpenAIErrorContext {
  /** The key the request was sent with, redacted wherever a server echoes it back. */
  readonly apiKey?: string | undefined;
  /** The client's base URL: a 404 from a base URL of the wrong shape says how to fix it. */
  readonly baseURL?: string | null | undefined;
  /** The endpoint the SDK appends to the base URL, for that 404's hint; default `/chat/completions`. */
  readonly endpoint?: string | undefined;
  /** Whether the response body was being read: an unknown failure there is a cut stream. */
  readonly inStream?: boolean | undefined;
}

/**
 * Maps what the `openai` SDK threw to a core `ProviderError`, keeping OpenAI's own message
 * (`{error: {message, type, code}}`) with the API key, and anything that looks like one,
 * redacted. The SDK's error is not kept as `cause` (its message may hold the key): the cause
 * is a redacted copy with its status, type, code and request id.
 */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext = {}): unknown {
  if (ProviderError.isInstance(error)) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError("The OpenAI request timed out.", { code: "timeout", provider: PROVIDER, cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError(`Could not connect to the OpenAI API: ${redact(error.message, context.apiKey)}`, {
      code: "connection",
      provider: PROVIDER,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === "number" ? error.status : undefined;
    // The SDK found no OpenAI-shaped `error` in the body: take the message from the body itself.
    const fromBody = error.error === undefined ? errorMessageFromBody(error.headers) : undefined;
    const message = redact(
      fromBody === undefined ? error.message : `${error.status ?? ""} ${fromBody}`.trim(),
      context.apiKey,
    );
    const hint = status === 404 ? openAIBaseURLHint(context.baseURL, context.endpoint) : "";
    return new ProviderError(`OpenAI: ${message}${hint}`, {
      code: codeOf(status, error.type),
      provider: PROVIDER,
      status,
      retryAfterMs: parseRetryAfter(error.headers),
      cause: new OpenAIAPIErrorDetails(message, error),
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
  if (context.inStream === true && !(error instanceof OpenAIError)) {
    // The body broke off (a reset socket, a cut connection): undici throws a bare TypeError.
    const detail = error instanceof Error ? error.message : String(error);
    return new ProviderError(`The OpenAI stream broke off: ${redact(detail, context.apiKey)}`, {
      code: "stream_interrupted",
      provider: PROVIDER,
      cause: error,
    });
  }
  return error;
}

/** A redacted copy of the SDK's `APIError`, kept as a `ProviderError`'s cause. */
class OpenAIAPIErrorDetails extends Error {
  override readonly name = "OpenAIAPIError";
  readonly status: number | undefined;
  readonly type: string | undefined;
  readonly code: string | null | undefined;
  readonly param: string | null | undefined;
  readonly requestID: string | null | undefined;

  constructor(redactedMessage: string, error: APIError) {
    super(redactedMessage);
    this.status = error.status;
    this.type = error.type;
    this.code = error.code;
    this.param = error.param;
    this.requestID = error.requestID;
  }
}

function codeOf(status: number | undefined, type: string | undefined): ProviderErrorCode {
  // An error event inside a stream has no status; its type says what happened.
  if (status === undefined) return type === "invalid_request_error" ? "invalid_request" : "server_error";
  return errorCodeForStatus(status) ?? "unknown";
}
