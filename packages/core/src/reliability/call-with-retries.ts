import type { CallResponse } from "../adapter/v1/call-response.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import { ProviderError, TimeoutError } from "../errors/provider-error.js";
import { StreamAbortedError } from "../errors/stream-aborted-error.js";
import { toProviderFailure } from "../errors/to-provider-failure.js";
import { linkAbortSignals } from "../stream/link-abort-signal.js";
import { retryDelay, sleep } from "./backoff.js";
import { startDeadline } from "./deadline.js";

/** One way to answer a `call()`: an adapter's request, with its retry policy. */
export interface CallCandidate<TResponse extends CallResponse> {
  readonly provider: string;
  readonly call: (signal: AbortSignal) => Promise<TResponse>;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
}

/** A whole response, and which candidate gave it. */
export interface CallOutcome<TResponse> {
  readonly response: TResponse;
  readonly index: number;
  readonly provider: string;
}

/**
 * Sends a non-streamed request: retries a retryable failure with backoff, then falls back to
 * the next candidate, all within one timeout and abortable by `signals`.
 */
export async function callWithRetries<TResponse extends CallResponse>(
  candidates: ReadonlyArray<CallCandidate<TResponse>>,
  signals: ReadonlyArray<AbortSignal | undefined>,
  timeout: number,
): Promise<CallOutcome<TResponse>> {
  const controller = new AbortController();
  const unlink = linkAbortSignals(controller, signals);
  let provider = candidates[0]?.provider ?? "unknown";
  const clearDeadline = startDeadline(controller, timeout, provider);
  const signal = controller.signal;
  try {
    for (const [index, candidate] of candidates.entries()) {
      provider = candidate.provider;
      for (let retry = 0; ; retry += 1) {
        try {
          if (signal.aborted) throw signal.reason;
          return { response: await candidate.call(signal), index, provider };
        } catch (error) {
          const failure = failureOf(error, signal, provider);
          if (signal.aborted || !(failure instanceof ProviderError) || !failure.retryable) throw failure;
          const wait =
            retry < candidate.maxRetries ? retryDelay(retry + 1, failure, candidate.retryDelayMs) : undefined;
          if (wait !== undefined) {
            await sleep(wait, signal).catch((reason: unknown) => {
              throw failureOf(reason, signal, provider);
            });
            continue;
          }
          if (index === candidates.length - 1) throw failure;
          break;
        }
      }
    }
    throw new Error("unreachable: a call needs at least one candidate");
  } finally {
    clearDeadline();
    unlink();
  }
}

function failureOf(error: unknown, signal: AbortSignal, provider: string): PromptstreamError {
  if (signal.aborted) {
    if (signal.reason instanceof TimeoutError) return signal.reason;
    return new StreamAbortedError({ provider, partialText: "", reason: signal.reason });
  }
  return toProviderFailure(error, provider);
}
