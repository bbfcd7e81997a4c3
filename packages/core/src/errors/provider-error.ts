import type { Usage } from "../adapter/v1/usage.js";
import type { PartialToolCall } from "../tools/tool-call-collector.js";
import { PromptstreamError } from "./promptstream-error.js";

/** What kind of failure a provider call met; each code has its own subclass of {@link ProviderError}. */
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
  /**
   * Whether the same request may be sent again now: the failure is transient and nothing of the
   * answer has reached the consumer. Default: true for a transient code (`rate_limited`,
   * `server_error`, `overloaded`, `connection`, `timeout`, `stream_interrupted`) with no `partialText`.
   */
  readonly retryable?: boolean | undefined;
  /** How long the provider asked to wait before retrying, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The text received before the failure, for failures in the middle of a stream. */
  readonly partialText?: string | undefined;
  /** The token counts received before the failure, if the provider had sent any. */
  readonly partialUsage?: Usage | undefined;
  /** The tool calls received before the failure: complete ones, and the one cut off (`complete: false`). */
  readonly partialToolCalls?: readonly PartialToolCall[] | undefined;
  /** For a prompt with an `output` schema: the partial object parsed before the failure. */
  readonly partialObject?: unknown;
  readonly cause?: unknown;
}

/** What a stream had received when it failed, for {@link ProviderError.withPartial}. */
export interface PartialResponse {
  readonly text: string;
  readonly usage: Usage | undefined;
  /** Whether anything (even a chunk without text) reached the consumer. Default: `text !== ""`. */
  readonly delivered?: boolean | undefined;
  readonly toolCalls?: readonly PartialToolCall[] | undefined;
  /** The partial structured output (see `partialObjects`), if any. */
  readonly object?: unknown;
}

/** The options of a {@link ProviderError} subclass, whose code is fixed. */
export type ProviderErrorSubclassOptions = Omit<ProviderErrorOptions, "code">;

const providerErrorCodes: ReadonlySet<string> = new Set<ProviderErrorCode>([
  "authentication",
  "permission_denied",
  "not_found",
  "invalid_request",
  "rate_limited",
  "server_error",
  "overloaded",
  "connection",
  "timeout",
  "stream_interrupted",
  "unknown",
]);

/** Whether a code (e.g. one sent over the wire) is a {@link ProviderErrorCode}. */
export function isProviderErrorCode(code: string): code is ProviderErrorCode {
  return providerErrorCodes.has(code);
}

/** Failures that may pass if the same request is sent again. */
const transientCodes: ReadonlySet<ProviderErrorCode> = new Set([
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
 * header or request body ever is. Each `code` has a subclass, so `instanceof` works for
 * every kind (`RateLimitError`, `OverloadedError`, `StreamInterruptedError`, ...);
 * `ProviderError` itself is used for `"unknown"` failures.
 */
export class ProviderError extends PromptstreamError {
  override readonly name: string = "ProviderError";
  readonly code: ProviderErrorCode;
  override readonly provider: string;
  override readonly status: number | undefined;
  override readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  /** The text received before the failure; `""` when it failed before the first chunk. */
  readonly partialText: string;
  /** The token counts received before the failure, if any. */
  readonly partialUsage: Usage | undefined;
  /** The tool calls received before the failure; the one cut off has `complete: false`. */
  readonly partialToolCalls: readonly PartialToolCall[];
  /**
   * For a prompt with an `output` schema, the partial object parsed before the failure (the last
   * snapshot `partialObjects` would give); `undefined` when none was visible.
   */
  readonly partialObject: unknown;

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.provider = options.provider;
    this.status = options.status;
    // Text already delivered would be sent again, and the user has seen it: never "retryable" then.
    this.retryable = options.retryable ?? (transientCodes.has(options.code) && (options.partialText ?? "") === "");
    this.retryAfterMs = options.retryAfterMs;
    this.partialText = options.partialText ?? "";
    this.partialUsage = options.partialUsage;
    this.partialToolCalls = options.partialToolCalls ?? [];
    this.partialObject = options.partialObject;
  }

  /**
   * The error of the subclass that `options.code` names: adapters build every failure with it
   * (or with `new ProviderError`, which core turns into the same subclass).
   *
   * @example
   * throw ProviderError.create("Acme: slow down", { code: "rate_limited", provider: "acme", status: 429, retryAfterMs: 2000 });
   */
  static create(message: string, options: ProviderErrorOptions): ProviderError {
    const Subclass = subclasses[options.code];
    return Subclass === undefined ? new ProviderError(message, options) : new Subclass(message, options);
  }

  /**
   * This error, as its code's subclass and with what the stream had received before it. Once
   * output has reached the consumer (`delivered`: any chunk, even one without text), resending the
   * request would repeat it, so the result is not `retryable`.
   */
  withPartial(partial: PartialResponse): ProviderError {
    const delivered = partial.delivered ?? partial.text !== "";
    return ProviderError.create(this.message, {
      ...this.#options(),
      partialText: partial.text,
      partialUsage: partial.usage,
      // A stream that does not track calls (the tool loop's, over its steps' streams) keeps the step's.
      partialToolCalls: partial.toolCalls ?? this.partialToolCalls,
      partialObject: partial.object ?? this.partialObject,
      retryable: delivered ? false : this.retryable,
    });
  }

  /** This error as its code's subclass; itself when it already is one. */
  specific(): ProviderError {
    if (this.constructor !== ProviderError || subclasses[this.code] === undefined) return this;
    return ProviderError.create(this.message, this.#options());
  }

  #options(): ProviderErrorOptions {
    const { code, provider, status, retryable, retryAfterMs, partialText, partialUsage, partialToolCalls } = this;
    const { partialObject, cause } = this;
    return {
      ...{ code, provider, status, retryable, retryAfterMs, partialText, partialUsage, partialToolCalls },
      ...{ partialObject, cause },
    };
  }
}

/** The API key was missing, wrong or revoked (401). */
export class AuthenticationError extends ProviderError {
  override readonly name: string = "AuthenticationError";
  declare readonly code: "authentication";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, { ...options, code: "authentication" });
  }
}

/** The key is valid but may not use this model or resource (403). */
export class PermissionDeniedError extends ProviderError {
  override readonly name: string = "PermissionDeniedError";
  declare readonly code: "permission_denied";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, { ...options, code: "permission_denied" });
  }
}

/** The provider refused the request as sent: a bad parameter, a prompt too long (400, 422). */
export class InvalidRequestError extends ProviderError {
  override readonly name: string = "InvalidRequestError";
  declare readonly code: "invalid_request" | "not_found";
  constructor(
    message: string,
    options: ProviderErrorSubclassOptions,
    code: "invalid_request" | "not_found" = "invalid_request",
  ) {
    super(message, { ...options, code });
  }
}

/** What the request names does not exist, e.g. an unknown model (404). An {@link InvalidRequestError}. */
export class NotFoundError extends InvalidRequestError {
  override readonly name: string = "NotFoundError";
  declare readonly code: "not_found";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, options, "not_found");
  }
}

/** Too many requests (429); `retryAfterMs` holds the wait the provider asked for, if it gave one. */
export class RateLimitError extends ProviderError {
  override readonly name: string = "RateLimitError";
  declare readonly code: "rate_limited";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, { ...options, code: "rate_limited" });
  }
}

/** The provider failed (5xx). */
export class ServerError extends ProviderError {
  override readonly name: string = "ServerError";
  declare readonly code: "server_error" | "overloaded";
  constructor(
    message: string,
    options: ProviderErrorSubclassOptions,
    code: "server_error" | "overloaded" = "server_error",
  ) {
    super(message, { ...options, code });
  }
}

/** The provider is overloaded (529, 503, or Anthropic's `overloaded_error` mid-stream). A {@link ServerError}. */
export class OverloadedError extends ServerError {
  override readonly name: string = "OverloadedError";
  declare readonly code: "overloaded";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, options, "overloaded");
  }
}

/** The provider could not be reached: refused, reset or dropped before an answer. */
export class ConnectionError extends ProviderError {
  override readonly name: string = "ConnectionError";
  declare readonly code: "connection";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, { ...options, code: "connection" });
  }
}

/** The call took longer than its `timeout`, or no chunk came for `idleTimeout`. */
export class TimeoutError extends ProviderError {
  override readonly name: string = "TimeoutError";
  declare readonly code: "timeout";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, { ...options, code: "timeout" });
  }
}

/**
 * The stream broke off after it had started: a reset connection, malformed data, or an end
 * without the provider's final event. `partialText` and `partialUsage` hold what had arrived.
 */
export class StreamInterruptedError extends ProviderError {
  override readonly name: string = "StreamInterruptedError";
  declare readonly code: "stream_interrupted";
  constructor(message: string, options: ProviderErrorSubclassOptions) {
    super(message, { ...options, code: "stream_interrupted" });
  }
}

type Subclass = new (message: string, options: ProviderErrorSubclassOptions) => ProviderError;

const subclasses: Partial<Record<ProviderErrorCode, Subclass>> = {
  authentication: AuthenticationError,
  permission_denied: PermissionDeniedError,
  invalid_request: InvalidRequestError,
  not_found: NotFoundError,
  rate_limited: RateLimitError,
  server_error: ServerError,
  overloaded: OverloadedError,
  connection: ConnectionError,
  timeout: TimeoutError,
  stream_interrupted: StreamInterruptedError,
};
