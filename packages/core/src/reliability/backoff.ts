import type { ProviderError } from "../errors/provider-error.js";

const MAX_BACKOFF_MS = 8_000;
/** A provider asking for a longer wait than this is not waited for: the failure is reported. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long to wait before retry number `retry` (1, 2, ...): what the provider asked for, else
 * exponential backoff with full jitter, so that many clients failing together do not retry
 * together. `undefined` when the provider asked for more than {@link MAX_RETRY_AFTER_MS}.
 */
export function retryDelay(
  retry: number,
  failure: ProviderError,
  baseMs: number,
  random: () => number = Math.random,
): number | undefined {
  if (failure.retryAfterMs !== undefined)
    return failure.retryAfterMs > MAX_RETRY_AFTER_MS ? undefined : failure.retryAfterMs;
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts; leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
