/**
 * @module The base class of every error promptstream throws.
 */

const marker = Symbol.for("promptstream.error");

/** Options every promptstream error accepts. */
export interface PromptstreamErrorOptions {
  /** The underlying error, kept for debugging. Never holds an API key. */
  readonly cause?: unknown;
}

/**
 * The base class of every error promptstream throws. Each subclass has a literal
 * `name` and a machine-readable `code`, so callers never need to parse messages.
 *
 * Prefer `PromptstreamError.isInstance(error)` over `instanceof` when two copies of
 * `@promptstream/core` may be installed: it checks a global symbol, not a prototype.
 */
export abstract class PromptstreamError extends Error {
  /** A stable, machine-readable identifier of what went wrong. */
  abstract readonly code: string;
  /** The provider's id (e.g. `"openai"`) where the error concerns one; `undefined` for prompt errors. */
  readonly provider: string | undefined;
  /** The HTTP status, where the provider answered with one. */
  readonly status: number | undefined;
  /**
   * Whether the same request may be sent again now and may succeed: the failure is transient
   * (rate limit, overload, 5xx, connection, timeout, a stream cut before its first chunk) and
   * nothing of the answer has reached you, so a resend cannot repeat output. Wait `retryAfterMs`
   * first where a `ProviderError` has it. Always `false` for errors in your input, for aborts, and
   * for failures after the first chunk. Core's own retries follow the same rule.
   */
  readonly retryable: boolean = false;
  constructor(message: string, options: PromptstreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // A non-enumerable brand, read by isInstance, that is the same symbol in every copy of core.
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any promptstream error, from any copy of this package. */
  static isInstance(error: unknown): error is PromptstreamError {
    return typeof error === "object" && error !== null && marker in error;
  }
}
