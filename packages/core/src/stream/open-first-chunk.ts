/**
 * @module The start of a stream: send the request until an attempt delivers its first chunk (or
 * its end). A retryable failure before it is retried with backoff, then handed to the next
 * candidate (a fallback). Nothing has reached the consumer yet, so nothing can be duplicated.
 */
import { isReadyAware } from "../adapter/helpers/next-if-ready.js";
import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import { ProviderError } from "../errors/provider-error.js";
import { AttemptScope } from "../reliability/attempt-scope.js";
import { retryDelay, sleep } from "../reliability/backoff.js";
import type { StreamCandidate } from "./response-stream-source.js";

/** An open attempt that delivered its first result. */
export interface OpenedStream<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  readonly stream: AdapterV1Stream<TChunk, TResponse>;
  readonly iterator: AsyncIterator<TChunk>;
  readonly first: IteratorResult<TChunk>;
  readonly scope: AttemptScope;
  /** The iterator can hand over chunks it already holds synchronously (see `nextIfReady`). */
  readonly readyAware: boolean;
  /** The candidate that answered. */
  readonly candidate: StreamCandidate<TChunk, TResponse>;
}

/** What the stream tells and asks while it opens. */
export interface OpenHooks {
  /** An attempt is about to be sent to `provider`. */
  readonly onAttempt: (provider: string) => void;
  /** The error the consumer would see for an attempt's failure. */
  readonly failureOf: (error: unknown, scope: AttemptScope) => PromptstreamError;
}

/** Sends the request, with retries and fallbacks, until it delivers a first result. */
export async function openFirstChunk<TChunk extends ResponseChunk, TResponse extends CallResponse>(
  candidates: ReadonlyArray<StreamCandidate<TChunk, TResponse>>,
  signal: AbortSignal,
  hooks: OpenHooks,
): Promise<OpenedStream<TChunk, TResponse>> {
  for (const [index, candidate] of candidates.entries()) {
    for (let retry = 0; ; retry += 1) {
      if (signal.aborted) throw signal.reason;
      hooks.onAttempt(candidate.provider);
      const scope = new AttemptScope(signal, candidate.idleTimeout, candidate.provider);
      let iterator: AsyncIterator<TChunk> | undefined;
      try {
        scope.startRead();
        const stream = await candidate.open(scope.signal);
        iterator = stream.chunks[Symbol.asyncIterator]();
        const first = await iterator.next();
        scope.endRead();
        return { stream, iterator, first, scope, readyAware: isReadyAware(iterator), candidate };
      } catch (error) {
        scope.close();
        void closeQuietly(iterator);
        const failure = hooks.failureOf(error, scope);
        if (signal.aborted || !(failure instanceof ProviderError) || !failure.retryable) throw failure;
        const wait = retry < candidate.maxRetries ? retryDelay(retry + 1, failure, candidate.retryDelayMs) : undefined;
        if (wait !== undefined) {
          await sleep(wait, signal);
          continue;
        }
        if (index === candidates.length - 1) throw failure;
        break;
      }
    }
  }
  throw new Error("unreachable: a stream needs at least one candidate");
}

/** Closes an adapter's iterator after a failed attempt; its own failure to close is of no interest. */
export async function closeQuietly(iterator: AsyncIterator<unknown> | undefined): Promise<void> {
  try {
    await iterator?.return?.();
  } catch {
    // The attempt already failed, and its request is aborted.
  }
}
