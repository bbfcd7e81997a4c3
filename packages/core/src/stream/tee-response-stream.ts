/**
 * @module Splitting one streamed response between two readers (e.g. the client and a database),
 * with a buffer that holds only what the slower reader has not read yet.
 */
import { DONE } from "../adapter/helpers/next-if-ready.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { StreamConsumedError } from "../errors/stream-consumed-error.js";
import { ChunkStream } from "./chunk-stream.js";
import { readToEnd } from "./read-to-end.js";

/**
 * One of the two readers of a split stream (see `ResponseStream.tee()`): it reads like the stream
 * itself, with every chunk, in order, whatever the other branch does, and can be sent on the same
 * ways (`toTextResponse()`, `toEventStreamResponse()`, `pipeToNodeResponse()`).
 *
 * Stopping and aborting differ. Leaving a `for await` loop early, cancelling `toReadableStream()`
 * or a response body, or calling `cancel()` stops this branch only: what it had not read yet is
 * released and the other branch carries on; the request is cancelled once both branches stopped.
 * `abort()` aborts the request itself, for both branches.
 */
export interface ResponseStreamBranch<TChunk extends ResponseChunk, TResponse extends CallResponse>
  extends ChunkStream<TChunk, TResponse> {
  /**
   * The stream's final response, the same for both branches, once the stream ended (whichever
   * branch read it to its end). Reads this branch to its end if nothing else reads it. After this
   * branch stopped early, it waits for the other branch to end or stop too.
   */
  response(): Promise<TResponse>;
  /**
   * Stops this branch without reading it (e.g. the one nobody will read): it releases what it
   * buffered and no longer holds chunks back. Once both branches stopped, the request is cancelled
   * and `response()` resolves with what arrived. Counts as this branch's one iteration.
   */
  cancel(): Promise<void>;
  /**
   * Aborts the request, for both branches: each hands over the chunks received before the abort,
   * then rejects with a `StreamAbortedError`, as do both `response()`. To stop reading one branch
   * only, leave its loop or call `cancel()`.
   */
  abort(reason?: unknown): void;
  /** Splits this branch again, for a third reader. */
  tee(): [ResponseStreamBranch<TChunk, TResponse>, ResponseStreamBranch<TChunk, TResponse>];
  /** How many requests were sent for the stream: 1, plus retries and fallbacks. */
  readonly attempts: number;
}

/** What can be split: a `ResponseStream`, or a branch of one (a branch can be split again). */
interface SplittableStream<TChunk extends ResponseChunk, TResponse extends CallResponse> extends AsyncIterable<TChunk> {
  response(): Promise<TResponse>;
  abort(reason?: unknown): void;
  readonly attempts: number;
}

/**
 * Splits `stream` into two branches that each read every chunk, for two consumers (e.g. sending
 * the text to the client while storing the response in a database). `ResponseStream.tee()` calls
 * it. It claims the stream's iteration: iterating the stream afterwards, or splitting a stream
 * already being read, throws `StreamConsumedError`; read the branches instead.
 *
 * The request is read one chunk at a time, only when a branch asks for a chunk it does not have
 * yet: the faster branch sets the pace, and each chunk is kept only until both branches read it.
 * The buffer is what the slower branch has not read yet, and nothing more. So a branch that is
 * never read makes the other one buffer the whole response for it: read both, or `cancel()` the
 * one you do not need.
 *
 * When one branch stops (leaves its loop early, its `ReadableStream` is cancelled, `cancel()`),
 * the other carries on and gets every chunk; the request is cancelled only once both stopped.
 * `abort()` on either branch aborts the request for both. A failure of the request (a provider
 * error mid-stream, an abort) reaches each branch at the same place, after the chunks before it,
 * and both branches' `response()` reject with it.
 *
 * @example
 * const [toClient, toDatabase] = prompt.stream().tee();
 * const saved = toDatabase.response().then((response) => db.save(response));
 * return new Response(toClient.toReadableStream().pipeThrough(new TextEncoderStream()));
 */
export function teeResponseStream<TChunk extends ResponseChunk, TResponse extends CallResponse>(
  stream: SplittableStream<TChunk, TResponse>,
): [ResponseStreamBranch<TChunk, TResponse>, ResponseStreamBranch<TChunk, TResponse>] {
  const reader = new SharedReader(stream[Symbol.asyncIterator]());
  return [new Branch(stream, reader), new Branch(stream, reader)];
}

/**
 * A place in the list of chunks read from the stream. The last slot is empty (no `next`): the
 * one the next chunk fills. A branch holds the slot it reads next; no one holds the slots before
 * the slower branch's, so a chunk both branches read is released with its slot.
 */
interface Slot<TChunk> {
  result: IteratorYieldResult<TChunk> | undefined;
  next: Slot<TChunk> | undefined;
}

type SourceEnd = { readonly failed: false } | { readonly failed: true; readonly error: unknown };

/** Reads the stream for both branches: one read at a time, shared by the branches waiting for it. */
class SharedReader<TChunk> {
  readonly #iterator: AsyncIterator<TChunk>;
  /** The empty slot that the next chunk fills. */
  #tail: Slot<TChunk> = { result: undefined, next: undefined };
  #pending: Promise<void> | undefined;
  #end: SourceEnd | undefined;
  /** Branches that did not stop: the request is cancelled when none is left. */
  #reading = 2;

  constructor(iterator: AsyncIterator<TChunk>) {
    this.#iterator = iterator;
  }

  /** Where a new branch starts: before the first chunk. */
  get start(): Slot<TChunk> {
    return this.#tail;
  }

  /** How the stream ended, once it did: after the last slot filled. */
  get end(): SourceEnd | undefined {
    return this.#end;
  }

  /** Reads the next chunk into the tail slot (or the end); a branch that asks while a read is under way waits for it. */
  read(): Promise<void> {
    if (this.#pending !== undefined) return this.#pending;
    let next: Promise<IteratorResult<TChunk>>;
    try {
      next = this.#iterator.next();
    } catch (error) {
      next = Promise.reject(error);
    }
    this.#pending = next.then(this.#onResult, this.#onFailure);
    return this.#pending;
  }

  readonly #onResult = (result: IteratorResult<TChunk>): void => {
    this.#pending = undefined;
    if (result.done === true) {
      this.#end = { failed: false };
      return;
    }
    const filled = this.#tail;
    this.#tail = { result: undefined, next: undefined };
    filled.result = result;
    filled.next = this.#tail;
  };

  readonly #onFailure = (error: unknown): void => {
    this.#pending = undefined;
    this.#end = { failed: true, error };
  };

  /** A branch stopped: once both did, the stream is closed (which cancels the request), unless it ended. */
  async branchStopped(): Promise<void> {
    this.#reading -= 1;
    if (this.#reading > 0 || this.#end !== undefined) return;
    await this.#iterator.return?.();
  }
}

/** Made by `tee()`: see {@link ResponseStreamBranch}. */
class Branch<TChunk extends ResponseChunk, TResponse extends CallResponse>
  extends ChunkStream<TChunk, TResponse>
  implements ResponseStreamBranch<TChunk, TResponse>
{
  readonly #stream: SplittableStream<TChunk, TResponse>;
  readonly #reader: SharedReader<TChunk>;
  /** The slot to read next; `undefined` once this branch ended or stopped, which releases its buffer. */
  #cursor: Slot<TChunk> | undefined;
  #claimed = false;
  #stopped = false;

  constructor(stream: SplittableStream<TChunk, TResponse>, reader: SharedReader<TChunk>) {
    super();
    this.#stream = stream;
    this.#reader = reader;
    this.#cursor = reader.start;
  }

  /** Iterates the chunks. A branch can be iterated once; a second time throws `StreamConsumedError`. */
  override [Symbol.asyncIterator](): AsyncIterator<TChunk> {
    if (this.#claimed) throw new StreamConsumedError();
    this.#claimed = true;
    return {
      next: () => this.#next(),
      return: () => this.#stop().then(() => DONE),
    };
  }

  /**
   * The stream's final response, the same for both branches, once the stream ended (whichever
   * branch read it to its end). Reads this branch to its end if nothing else reads it. After this
   * branch stopped early, it waits for the other branch to end or stop too.
   */
  override response(): Promise<TResponse> {
    if (!this.#claimed) readToEnd(this[Symbol.asyncIterator]());
    return this.#stream.response();
  }

  /**
   * Stops this branch without reading it (e.g. the one nobody will read): it releases what it
   * buffered and no longer holds chunks back. Once both branches stopped, the request is cancelled
   * and `response()` resolves with what arrived. Counts as this branch's one iteration.
   */
  cancel(): Promise<void> {
    this.#claimed = true;
    return this.#stop();
  }

  /**
   * Aborts the request, for both branches: each hands over the chunks received before the abort,
   * then rejects with a `StreamAbortedError`, as do both `response()`. To stop reading one branch
   * only, leave its loop or call `cancel()`.
   */
  override abort(reason?: unknown): void {
    this.#stream.abort(reason);
  }

  /** Splits this branch again, for a third reader. */
  tee(): [ResponseStreamBranch<TChunk, TResponse>, ResponseStreamBranch<TChunk, TResponse>] {
    return teeResponseStream(this);
  }

  /** How many requests were sent for the stream: 1, plus retries and fallbacks. */
  get attempts(): number {
    return this.#stream.attempts;
  }

  #next(): Promise<IteratorResult<TChunk>> {
    const slot = this.#cursor;
    if (slot === undefined) return Promise.resolve(DONE);
    if (slot.result !== undefined) {
      this.#cursor = slot.next;
      return Promise.resolve(slot.result);
    }
    const end = this.#reader.end;
    if (end === undefined) return this.#reader.read().then(this.#nextAfterRead);
    this.#cursor = undefined;
    return end.failed ? Promise.reject(end.error) : Promise.resolve(DONE);
  }

  readonly #nextAfterRead = (): Promise<IteratorResult<TChunk>> => this.#next();

  #stop(): Promise<void> {
    this.#cursor = undefined;
    if (this.#stopped) return Promise.resolve();
    this.#stopped = true;
    return this.#reader.branchStopped();
  }
}
