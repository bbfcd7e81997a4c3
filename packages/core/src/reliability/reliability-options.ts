/**
 * How a call retries, times out and is aborted. Given at definition, instance or call level;
 * the most specific value wins.
 */
export interface ReliabilityOptions {
  /**
   * How many times to send the request again after a retryable failure (rate limit, 5xx,
   * connection, timeout) that happened before the first chunk reached you: never after, so
   * output is never duplicated. Default 2. The vendor SDK's own retries are turned off, so
   * this is the only retry policy.
   */
  readonly maxRetries?: number | undefined;
  /**
   * The first backoff, in milliseconds; it doubles each retry (at most 8 s), with jitter. A
   * `retry-after-ms` or `retry-after` the provider sent is used instead. Default 500.
   */
  readonly retryDelayMs?: number | undefined;
  /** The whole call, retries included, in milliseconds; then a `TimeoutError`. Default 600 000 (10 minutes). */
  readonly timeout?: number | undefined;
  /**
   * The longest wait for the provider's next chunk (or its first), in milliseconds; then a
   * `TimeoutError`, retried if no chunk had reached you yet. A timer checks every quarter of
   * it, so a stall is noticed at most a quarter later. Time your own code spends between
   * reads does not count. Default 180 000 (3 minutes).
   */
  readonly idleTimeout?: number | undefined;
  /** Aborts the call: pending reads reject with a `StreamAbortedError`. */
  readonly signal?: AbortSignal | undefined;
}

/** The options merged, with defaults: what one call runs with. */
export interface ReliabilityPolicy {
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly timeout: number;
  readonly idleTimeout: number;
  readonly signals: ReadonlyArray<AbortSignal | undefined>;
}

export const RELIABILITY_DEFAULTS = {
  maxRetries: 2,
  retryDelayMs: 500,
  timeout: 600_000,
  idleTimeout: 180_000,
} as const;

/** Merges reliability options from the least to the most specific level. */
export function resolveReliability(...levels: ReadonlyArray<ReliabilityOptions | undefined>): ReliabilityPolicy {
  const pick = <K extends "maxRetries" | "retryDelayMs" | "timeout" | "idleTimeout">(key: K): number => {
    let value: number = RELIABILITY_DEFAULTS[key];
    for (const level of levels) if (level?.[key] !== undefined) value = level[key] as number;
    return value;
  };
  return {
    maxRetries: pick("maxRetries"),
    retryDelayMs: pick("retryDelayMs"),
    timeout: pick("timeout"),
    idleTimeout: pick("idleTimeout"),
    signals: levels.map((level) => level?.signal),
  };
}
