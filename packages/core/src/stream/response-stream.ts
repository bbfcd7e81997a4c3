import { DONE, nextIfReady, type ReadyAwareIterator } from "../adapter/helpers/next-if-ready.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import { TimeoutError } from "../errors/provider-error.js";
import { StreamAbortedError } from "../errors/stream-aborted-error.js";
import { StreamConsumedError } from "../errors/stream-consumed-error.js";
import { toProviderFailure } from "../errors/to-provider-failure.js";
import { withCostWhenDone } from "../pricing/with-cost.js";
import type { AttemptScope } from "../reliability/attempt-scope.js";
import { startDeadline } from "../reliability/deadline.js";
import { ToolCallTracker } from "../tools/tool-call-tracker.js";
import { ChunkStream } from "./chunk-stream.js";
import { linkAbortSignals } from "./link-abort-signal.js";
import { toldOnce } from "./monitor-outcome.js";
import { closeQuietly, type OpenedStream, openFirstChunk } from "./open-first-chunk.js";
import { readToEnd } from "./read-to-end.js";
import { ReceivedSoFar } from "./received-so-far.js";
import type { ResponseStreamSource } from "./response-stream-source.js";
import { type ResponseStreamBranch, teeResponseStream } from "./tee-response-stream.js";

/**
 * A streamed response: iterate it with `for await` to get each chunk, or read it whole with
 * `text()` and `response()`. The request is sent when the stream is first read, and a stream
 * can be read once; after a `for await` loop, `text()` and `response()` resolve from what was
 * received, with no new request.
 *
 * Leaving a `for await` loop early, `abort()`, or aborting the `signal` given to `stream()`
 * cancels the HTTP request. After an abort, reads reject with a `StreamAbortedError` that
 * holds the text received so far; after an early `break`, `response()` resolves with it.
 *
 * @example
 * const stream = recommender.stream();
 * for await (const chunk of stream) process.stdout.write(chunk.content);
 * const { usage, finishReason } = await stream.response();
 */
export class ResponseStream<TChunk extends ResponseChunk, TResponse extends CallResponse> extends ChunkStream<
  TChunk,
  TResponse
> {
  readonly #source: ResponseStreamSource<TChunk, TResponse>;
  readonly #controller = new AbortController();
  readonly #unlinkSignal: () => void;
  readonly #outcome: Promise<TResponse>;
  #settle!: (response: TResponse) => void;
  #fail!: (error: unknown) => void;
  #claimed = false;
  #started = false;
  #ended = false;
  /** The adapter's iterator said it was done. */
  #drained = false;
  #opened: OpenedStream<TChunk, TResponse> | undefined;
  /** The read under way (the consumer is waiting for the adapter), if any: a second `next()` waits for it. */
  #inFlight: Promise<IteratorResult<TChunk>> | undefined;
  /** A result {@link #nextIfReady} read that ends or fails the stream, for the next `next()`. */
  #kept: Promise<IteratorResult<TChunk>> | undefined;
  #clearDeadline: () => void = () => {};
  /** The consumer called `return()`: it left the loop, or cancelled the ReadableStream. */
  #leaving = false;
  readonly #received = new ReceivedSoFar();
  /** The provider that is answering (the first candidate until another one answers). */
  #provider: string;
  #attempts = 0;
  /** The tool calls, for a prompt with tools. */
  readonly #tools: ToolCallTracker | undefined;
  /** The adapter's chunks ended while tool-call parts still wait to be yielded. */
  #endAfterParts = false;

  constructor(source: ResponseStreamSource<TChunk, TResponse>) {
    super();
    this.#source = source;
    this.#provider = source.candidates[0]?.provider ?? "unknown";
    this.#tools = source.tools === undefined ? undefined : new ToolCallTracker(source.tools, source.toolCallDeltas);
    this.#unlinkSignal = linkAbortSignals(this.#controller, source.signals ?? []);
    this.#outcome = new Promise<TResponse>((resolve, reject) => {
      this.#settle = resolve;
      this.#fail = reject;
    });
    if (source.monitor !== undefined) [this.#settle, this.#fail] = toldOnce(source.monitor, this.#settle, this.#fail);
    // The failure also reaches whoever iterates: one who never calls text() or response() gets no unhandled rejection.
    this.#outcome.catch(() => {});
  }

  /**
   * Iterates the chunks. A stream can be iterated once; a second time throws `StreamConsumedError`.
   *
   * The iterator is written by hand rather than as an async generator: a generator adds a
   * promise and a queue step to every chunk (its `yield` awaits), and per-chunk work is the
   * hot path. `next()` forwards the adapter's result with one `then`.
   */
  override [Symbol.asyncIterator](): AsyncIterator<TChunk> {
    if (this.#claimed) throw new StreamConsumedError();
    this.#claimed = true;
    // Also ready-aware, for core's derived readers (partial objects); the public type stays AsyncIterator.
    const iterator: ReadyAwareIterator<TChunk> = {
      next: () => this.#next(),
      return: () => this.#return(),
      [nextIfReady]: () => this.#nextIfReady(),
    };
    return iterator;
  }

  /**
   * The final response assembled from the chunks: content, finish reason, usage, model, id,
   * and the assistant message to append to a history.
   */
  override response(): Promise<TResponse> {
    if (!this.#claimed) readToEnd(this[Symbol.asyncIterator]());
    return this.#outcome;
  }

  /**
   * Splits the stream for two readers (e.g. the client and a database): each branch reads every
   * chunk; the buffer holds only what the slower one has not read yet. See `ResponseStreamBranch`
   * for what stopping one branch does.
   */
  tee(): [ResponseStreamBranch<TChunk, TResponse>, ResponseStreamBranch<TChunk, TResponse>] {
    return teeResponseStream(this);
  }

  /** Aborts the request. Pending reads reject with a `StreamAbortedError`. Does nothing once the stream ended. */
  override abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  /** How many requests were sent for this stream: 1, plus retries and fallbacks. */
  get attempts(): number {
    // A candidate that sends requests itself (the tool loop) counts them: its opening was one attempt.
    const own = this.#opened?.candidate.attempts?.();
    return own === undefined ? this.#attempts : this.#attempts - 1 + own;
  }

  /**
   * The next chunk if the adapter already holds it (a derived reader, such as `partialObjects`,
   * coalesces what one network read brought); `undefined` when a read must wait. A result that
   * ends or fails the stream is kept for the next `next()`.
   */
  #nextIfReady(): IteratorResult<TChunk> | undefined {
    const opened = this.#opened;
    const busy = this.#inFlight !== undefined || this.#kept !== undefined || this.#ended || this.#partsWaiting();
    if (opened === undefined || !opened.readyAware || busy) return undefined;
    let result: IteratorResult<TChunk> | Promise<IteratorResult<TChunk>>;
    try {
      const ready = (opened.iterator as ReadyAwareIterator<TChunk>)[nextIfReady]();
      if (ready === undefined) return undefined;
      result = this.#onRead(ready);
    } catch (error) {
      result = this.#onReadFailed(error);
    }
    if (!(result instanceof Promise)) return result;
    // The end or a failure: kept for the next `next()`, which a consumer may never call (no unhandled rejection).
    result.catch(() => {});
    this.#kept = result;
    return undefined;
  }

  /** Tool-call parts wait to be yielded, or the chunks ended and the last of them are. */
  #partsWaiting(): boolean {
    return this.#tools !== undefined && (this.#tools.hasPendingParts || this.#endAfterParts);
  }

  #next(): Promise<IteratorResult<TChunk>> {
    const kept = this.#kept;
    if (kept !== undefined) {
      this.#kept = undefined;
      return kept;
    }
    // Reads run one at a time, as a generator's would: a second next() waits for the first.
    if (this.#inFlight !== undefined) return this.#inFlight.then(this.#nextAfterPending, this.#nextAfterPending);
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#partsWaiting()) return this.#nextPart();
    const opened = this.#opened;
    let read: Promise<IteratorResult<TChunk>>;
    if (opened === undefined) {
      read = this.#start();
    } else {
      opened.scope.startRead();
      const iterator = opened.iterator;
      if (opened.readyAware) {
        let ready: IteratorResult<TChunk> | undefined;
        try {
          ready = (iterator as ReadyAwareIterator<TChunk>)[nextIfReady]();
        } catch (error) {
          return this.#onReadFailed(error);
        }
        // A chunk the adapter already holds: no read is left pending.
        if (ready !== undefined) return Promise.resolve(this.#onRead(ready));
      }
      read = iterator.next().then(this.#onRead, this.#onReadFailed);
    }
    this.#inFlight = read;
    return read;
  }

  readonly #nextAfterPending = (): Promise<IteratorResult<TChunk>> => this.#next();

  /** The first read: sends the request (with retries and fallbacks) and delivers the first result. */
  async #start(): Promise<IteratorResult<TChunk>> {
    this.#started = true;
    this.#clearDeadline = startDeadline(
      this.#controller,
      this.#source.timeout ?? Number.POSITIVE_INFINITY,
      this.#provider,
    );
    try {
      this.#opened = await openFirstChunk(this.#source.candidates, this.#controller.signal, {
        onAttempt: (provider) => {
          this.#provider = provider;
          this.#attempts += 1;
        },
        failureOf: (error, scope) => this.#failureOf(error, scope),
      });
    } catch (error) {
      this.#inFlight = undefined;
      return this.#failed(error);
    }
    return this.#onRead(this.#opened.first);
  }

  readonly #onRead = (result: IteratorResult<TChunk>): IteratorResult<TChunk> | Promise<IteratorResult<TChunk>> => {
    this.#inFlight = undefined;
    const opened = this.#opened as OpenedStream<TChunk, TResponse>;
    opened.scope.endRead();
    const signal = this.#controller.signal;
    // The adapter may already hold chunks that arrived before the abort: deliver none of them.
    // Some SDK streams also end quietly when aborted, instead of throwing.
    if (signal.aborted) {
      this.#drained = result.done === true;
      return this.#failed(signal.reason);
    }
    if (result.done === true) {
      this.#drained = true;
      if (opened.scope.idleTimeout !== undefined) return this.#failed(opened.scope.idleTimeout);
      if (this.#tools !== undefined) {
        // The calls still open complete at the end: they are yielded before the stream ends.
        this.#tools.onEnd(this.#received.finishReason);
        this.#endAfterParts = true;
        return this.#nextPart();
      }
      return this.#complete();
    }
    const chunk = result.value;
    this.#received.add(chunk);
    this.#tools?.onChunk(chunk);
    this.#source.observer?.onChunk(chunk);
    this.#source.monitor?.onChunk(chunk);
    return result;
  };

  /** The adapter's chunks ended: the response is built and the stream released. */
  #complete(): Promise<IteratorResult<TChunk>> {
    let response: TResponse | Promise<TResponse>;
    try {
      response = this.#finalResponse(this.#opened as OpenedStream<TChunk, TResponse>);
    } catch (error) {
      return this.#failed(error);
    }
    const settle = (final: TResponse) => {
      this.#settle(final);
      return this.#end(true).then(() => DONE);
    };
    return response instanceof Promise ? response.then(settle, (error) => this.#failed(error)) : settle(response);
  }

  /** The adapter's response, with the tool calls, finished by the observer (which may throw or reject), and priced. */
  #finalResponse(opened: OpenedStream<TChunk, TResponse>): TResponse | Promise<TResponse> {
    const built = opened.stream.createResponse(this.#received.summary(this.#tools));
    const response = this.#tools === undefined ? built : (this.#tools.decorate(built) as TResponse);
    const { observer, prices } = this.#source;
    const finished = observer === undefined ? response : observer.finish(response);
    return prices === undefined ? finished : withCostWhenDone(finished, prices);
  }

  /** Yields the next tool-call part; after the last one of an ended stream, completes it. */
  #nextPart(): Promise<IteratorResult<TChunk>> {
    const tools = this.#tools as ToolCallTracker;
    const signal = this.#controller.signal;
    if (signal.aborted) return this.#failed(signal.reason);
    if (!tools.hasPendingParts) {
      this.#endAfterParts = false;
      return this.#complete();
    }
    // Parts are chunks with no text: the stream's element type includes them (see StreamChunk).
    const part = tools.nextPart();
    const deliver = (value: ResponseChunk) => {
      this.#source.monitor?.onChunk(value);
      return { value: value as unknown as TChunk, done: false as const };
    };
    if (!(part instanceof Promise)) return Promise.resolve(deliver(part));
    const read = part.then((value) => {
      this.#inFlight = undefined;
      return deliver(value);
    }, this.#onReadFailed);
    this.#inFlight = read;
    return read;
  }

  readonly #onReadFailed = (error: unknown): Promise<IteratorResult<TChunk>> => {
    this.#inFlight = undefined;
    this.#opened?.scope.endRead();
    return this.#failed(error);
  };

  /** A read failed: the consumer sees the failure once the adapter's iterator is closed. */
  #failed(error: unknown): Promise<IteratorResult<TChunk>> {
    // The consumer left: what the adapter throws while closing (a body cancelled mid-read) is no failure.
    if (this.#leaving) return this.#leave().then(() => DONE);
    const failure = this.#failureOf(error, this.#opened?.scope);
    this.#fail(failure);
    return this.#end().then(() => Promise.reject(failure));
  }

  #return(): Promise<IteratorResult<TChunk>> {
    if (this.#ended) return Promise.resolve(DONE);
    // Closed before its first read: no request was sent.
    if (!this.#started) {
      this.#ended = true;
      this.#closeUnstarted();
      return Promise.resolve(DONE);
    }
    this.#leaving = true;
    // Abort now, so that a cancel while a read waits for the next chunk closes the request at once.
    const pending = this.#inFlight;
    if (pending !== undefined) this.#controller.abort();
    const leave = (): Promise<IteratorResult<TChunk>> => this.#leave().then(() => DONE);
    return pending === undefined ? leave() : pending.then(leave, leave);
  }

  /** The consumer left early: cancel the request, keep what arrived. */
  #leave(): Promise<void> {
    if (this.#ended) return Promise.resolve();
    this.#controller.abort();
    const opened = this.#opened;
    if (opened === undefined) this.#fail(this.#abortError());
    else {
      // No response to give (a tool loop left before its first step ended, an unfinished object): reads reject, leaving does not throw.
      const fail = (error: unknown) => this.#fail(this.#failureOf(error, opened.scope));
      try {
        const response = this.#finalResponse(opened);
        if (response instanceof Promise) response.then(this.#settle, fail);
        else this.#settle(response);
      } catch (error) {
        fail(error);
      }
    }
    return this.#end();
  }

  /**
   * Ends the stream once: releases its timers and listeners, and closes the adapter's iterator
   * if it was not read to its end. The request is aborted unless the stream `completed` (the
   * adapter's chunks ended by themselves: the adapter released the response).
   */
  async #end(completed = false): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    this.#clearDeadline();
    const opened = this.#opened;
    if (completed) opened?.scope.release();
    else opened?.scope.close();
    try {
      // The adapter's iterator is read by hand: close it, so that its own cleanup runs.
      if (!this.#drained) await closeQuietly(opened?.iterator);
    } finally {
      this.#unlinkSignal();
    }
  }

  /** What the consumer sees for `error`: the call's abort or timeout first, then the attempt's idle timeout, then the adapter's error. */
  #failureOf(error: unknown, scope: AttemptScope | undefined): PromptstreamError {
    const signal = this.#controller.signal;
    // Once the first result was handed over, a resend would repeat what the consumer has.
    const delivered = this.#opened !== undefined;
    if (signal.aborted) {
      return signal.reason instanceof TimeoutError
        ? signal.reason.withPartial(this.#received.partial(delivered, this.#tools, this.#source.observer))
        : this.#abortError();
    }
    const cause = scope?.idleTimeout ?? error;
    return toProviderFailure(
      cause,
      this.#provider,
      this.#received.partial(delivered, this.#tools, this.#source.observer),
    );
  }

  #closeUnstarted(): void {
    this.#controller.abort();
    this.#fail(this.#abortError());
    this.#unlinkSignal();
  }

  #abortError(): StreamAbortedError {
    return new StreamAbortedError({
      provider: this.#provider,
      partialText: this.#received.text,
      reason: this.#controller.signal.reason,
    });
  }
}
