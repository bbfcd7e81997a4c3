import { PromptstreamError } from "./promptstream-error.js";

/** What kind of failure a provider call met. */
export type ProviderErrorCode =
  | "authentication"
  | "permission_denied"
  | "not_found"
  | "invalid_request"
  | "rate_limited"
  | "server_error"
  | "overloaded"
  | "connection"
  | "timeout"
  | "stream_interrupted"
  | "unknown";

/** Options of a {@link ProviderError}. */
export interface ProviderErrorOptions {
  readonly code: ProviderErrorCode;
  /** The provider's id, e.g. `"openai"`. */
  readonly provider: string;
  /** The HTTP status, where the provider answered with one. */
  readonly status?: number | undefined;
  /** Whether sending the same request again may succeed. */
  readonly retryable?: boolean | undefined;
  /** How long the provider asked to wait before retrying, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The text received before the failure, for failures in the middle of a stream. */
  readonly partialText?: string | undefined;
  readonly cause?: unknown;
}

const retryableCodes: ReadonlySet<ProviderErrorCode> = new Set([
  "rate_limited",
  "server_error",
  "overloaded",
  "connection",
  "timeout",
  "stream_interrupted",
]);

/**
 * A provider call failed: the provider refused the request, the connection broke, or the
 * stream ended abnormally. The provider's own message is kept in `message`; no API key,
 * header or request body ever is.
 */
export class ProviderError extends PromptstreamError {
  override readonly name = "ProviderError";
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The text received before the failure; `""` when it failed before the first chunk. */
  readonly partialText: string;

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.provider = options.provider;
    this.status = options.status;
    this.retryable = options.retryable ?? retryableCodes.has(options.code);
    this.retryAfterMs = options.retryAfterMs;
    this.partialText = options.partialText ?? "";
  }

  /** A copy of this error that records the text received before it happened. */
  withPartialText(partialText: string): ProviderError {
    return new ProviderError(this.message, { ...this, cause: this.cause, partialText });
  }
}
