/**
 * A fast path between core's own event readers and the stream object, not part of the adapter
 * contract: an iterator that already holds decoded events (as `readServerSentEvents` does with
 * the events of one network read) hands the next one over synchronously. The stream then
 * answers the consumer's read with one resolved promise instead of a promise and a `then` per
 * chunk. Returns `undefined` when a network read is needed; throws what `next()` would reject
 * with.
 */
export const nextIfReady: unique symbol = Symbol("promptstream.nextIfReady");

export interface ReadyAwareIterator<T> extends AsyncIterator<T> {
  [nextIfReady](): IteratorResult<T> | undefined;
}

export function isReadyAware<T>(iterator: AsyncIterator<T>): iterator is ReadyAwareIterator<T> {
  return typeof (iterator as Partial<ReadyAwareIterator<T>>)[nextIfReady] === "function";
}

/** The result of an iterator that is done, shared: it holds nothing. */
export const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
