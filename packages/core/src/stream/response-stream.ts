import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse, StreamSummary } from "../adapter/v1/call-response.js";
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { Usage } from "../adapter/v1/usage.js";
import { toProviderFailure } from "../errors/to-provider-failure.js";
import { StreamAbortedError } from "../errors/stream-aborted-error.js";
import { StreamConsumedError } from "../errors/stream-consumed-error.js";
import { linkAbortSignals } from "./link-abort-signal.js";
import { toTextReadableStream } from "./to-readable-stream.js";

/** How a {@link ResponseStream} opens its request; core builds it from the adapter. */
export interface ResponseStreamSource<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  /** The provider's id, for errors. */
  readonly provider: string;
  /** Sends the request. Called once, when the stream is first read. */
  readonly open: (signal: AbortSignal) => Promise<AdapterV1Stream<TChunk, TResponse>>;
  /** Signals that abort the stream (e.g. the instance's and the call's). */
  readonly signals?: ReadonlyArray<AbortSignal | undefined> | undefined;
}

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
export class ResponseStream<TChunk extends ResponseChunk, TResponse extends CallResponse>
  implements AsyncIterable<TChunk>
{
  readonly #source: ResponseStreamSource<TChunk, TResponse>;
  readonly #controller = new AbortController();
  readonly #unlinkSignal: () => void;
  readonly #outcome: Promise<TResponse>;
  #settle!: (response: TResponse) => void;
  #fail!: (error: unknown) => void;
  #claimed = false;
  #started = false;
  #ended = false;
  /** The consumer called `return()`: it left the loop, or cancelled the ReadableStream. */
  #leaving = false;
  #pendingReads = 0;
  #text = "";
  #finishReason: FinishReason | undefined;
  #rawFinishReason: string | undefined;
  #usage: Usage | undefined;

  constructor(source: ResponseStreamSource<TChunk, TResponse>) {
    this.#source = source;
    this.#unlinkSignal = linkAbortSignals(this.#controller, source.signals ?? []);
    this.#outcome = new Promise<TResponse>((resolve, reject) => {
      this.#settle = resolve;
      this.#fail = reject;
    });
    // The failure also reaches whoever iterates; a consumer that never calls text() or
    // response() must not get an unhandled rejection for it.
    this.#outcome.catch(() => {});
  }

  /** Iterates the chunks. A stream can be iterated once; a second time throws `StreamConsumedError`. */
  [Symbol.asyncIterator](): AsyncIterator<TChunk> {
    if (this.#claimed) throw new StreamConsumedError();
    this.#claimed = true;
    const generator = this.#iterate();
    return {
      next: () => {
        this.#pendingReads += 1;
        return generator.next().finally(() => {
          this.#pendingReads -= 1;
        });
      },
      return: () => {
        // A generator closed before its first next() never runs its finally block.
        if (!this.#started) this.#closeUnstarted();
        else if (!this.#ended) {
          this.#leaving = true;
          // An async generator queues return() behind a pending next(): abort now, so that a
          // cancel while a read waits for the next chunk closes the request at once.
          if (this.#pendingReads > 0) this.#controller.abort();
        }
        return generator.return();
      },
    };
  }

  /** The text of each chunk that has some, as an async iterable of strings. */
  get textStream(): AsyncIterable<string> {
    return { [Symbol.asyncIterator]: () => textOf(this[Symbol.asyncIterator]()) };
  }

  /** The whole text. Reads the stream if nothing else does; resolves from what was received if it was read. */
  text(): Promise<string> {
    return this.response().then((response) => response.content);
  }

  /**
   * The final response assembled from the chunks: content, finish reason, usage, model, id,
   * and the assistant message to append to a history.
   */
  response(): Promise<TResponse> {
    if (!this.#claimed) this.#drain();
    return this.#outcome;
  }

  /** A web `ReadableStream` of the text, e.g. for `new Response(stream.toReadableStream().pipeThrough(new TextEncoderStream()))`. */
  toReadableStream(): ReadableStream<string> {
    return toTextReadableStream(this[Symbol.asyncIterator]());
  }

  /** Aborts the request. Pending reads reject with a `StreamAbortedError`. Does nothing once the stream ended. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  #drain(): void {
    const iterator = this[Symbol.asyncIterator]();
    const pump = async () => {
      while ((await iterator.next()).done !== true) {}
    };
    // The outcome promise carries the failure to text()/response().
    pump().catch(() => {});
  }

  async *#iterate(): AsyncGenerator<TChunk, void, undefined> {
    this.#started = true;
    const signal = this.#controller.signal;
    let stream: AdapterV1Stream<TChunk, TResponse> | undefined;
    let ended = false;
    try {
      if (signal.aborted) throw this.#abortError();
      stream = await this.#source.open(signal);
      for await (const chunk of stream.chunks) {
        // The adapter may already hold chunks that arrived before the abort: deliver none of them.
        if (signal.aborted) throw this.#abortError();
        this.#text += chunk.content;
        if (chunk.finishReason !== undefined) {
          this.#finishReason = chunk.finishReason;
          this.#rawFinishReason = chunk.rawFinishReason;
        }
        if (chunk.usage !== undefined) this.#usage = chunk.usage;
        yield chunk;
      }
      // Some SDK streams end quietly when aborted, instead of throwing.
      if (signal.aborted) throw this.#abortError();
      ended = true;
      this.#settle(stream.createResponse(this.#summary()));
    } catch (error) {
      // The consumer left: what the adapter throws while closing (e.g. a body cancelled
      // mid-read) is not a failure; the finally block keeps what arrived.
      if (this.#leaving) return;
      ended = true;
      const failure = signal.aborted ? this.#abortError() : toProviderFailure(error, this.#source.provider, this.#text);
      this.#fail(failure);
      throw failure;
    } finally {
      this.#ended = true;
      if (!ended) {
        // The consumer left the loop early: cancel the request, keep what arrived.
        this.#controller.abort();
        if (stream === undefined) this.#fail(this.#abortError());
        else this.#settle(stream.createResponse(this.#summary()));
      }
      this.#unlinkSignal();
    }
  }

  #closeUnstarted(): void {
    this.#controller.abort();
    this.#fail(this.#abortError());
    this.#unlinkSignal();
  }

  #summary(): StreamSummary {
    return {
      content: this.#text,
      finishReason: this.#finishReason,
      rawFinishReason: this.#rawFinishReason,
      usage: this.#usage,
    };
  }

  #abortError(): StreamAbortedError {
    return new StreamAbortedError({
      provider: this.#source.provider,
      partialText: this.#text,
      reason: this.#controller.signal.reason,
    });
  }
}

async function* textOf(iterator: AsyncIterator<ResponseChunk>): AsyncGenerator<string, void, undefined> {
  try {
    for (;;) {
      const result = await iterator.next();
      if (result.done === true) return;
      if (result.value.content !== "") yield result.value.content;
    }
  } finally {
    await iterator.return?.();
  }
}
