/**
 * @module The stream of a prompt with an `output` schema: a `ResponseStream` whose text is also
 * parsed as JSON while it streams, read as partial objects, as the elements of an array, or as
 * the validated object at the end.
 */
import { DONE, nextIfReady, type ReadyAwareIterator } from "../adapter/helpers/next-if-ready.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { ResponseStream } from "../stream/response-stream.js";
import type { ResponseStreamSource } from "../stream/response-stream-source.js";
import { registerPartialObjectSource } from "../web/partial-object-sources.js";
import type { DeepPartial, OutputElement } from "./output-schema.js";
import { NOTHING, type OutputResponseFields, OutputTracker } from "./output-tracker.js";

/**
 * A stream of a prompt with an `output` schema. Besides the chunks and the text (the JSON as the
 * model writes it), it gives the answer as partial objects while it streams (`partialObjects`),
 * the elements of an array answer one by one (`elementStream`), and the validated object
 * (`object()`, and `object` on the response). Like the chunks, each of these reads the stream:
 * use one of them, then `object()` or `response()`.
 *
 * @example
 * const stream = new RecipeWriter({ ingredient: "apples" }).stream();
 * for await (const partial of stream.partialObjects) render(partial);
 * const recipe = await stream.object();
 */
export class StructuredResponseStream<
  TChunk extends ResponseChunk,
  TResponse extends CallResponse & OutputResponseFields<TObject>,
  TObject,
> extends ResponseStream<TChunk, TResponse> {
  readonly #tracker: OutputTracker;

  /** Core builds it, with the structured output's parser as the source's `observer`. */
  constructor(source: ResponseStreamSource<TChunk, TResponse>) {
    super(source);
    if (!(source.observer instanceof OutputTracker)) {
      throw new TypeError(
        "A StructuredResponseStream reads its answer with core's OutputTracker, given as `observer`.",
      );
    }
    this.#tracker = source.observer;
    const tracker = source.observer;
    registerPartialObjectSource(this, () => {
      const snapshot = tracker.snapshot();
      return snapshot === NOTHING ? undefined : snapshot;
    });
  }

  /**
   * The answer as it grows: a new snapshot each time the value changed since the last one read.
   * A string still being written appears as its prefix, a number or `true`/`false`/`null` only
   * once complete, a key only once its name is complete and its value has begun. Snapshots are
   * immutable and structurally shared: a part that did not change is the same object as in the
   * snapshot before, so a UI can compare by reference. Chunks that arrived together (one network
   * read) give one snapshot. The last snapshot is the whole value; the iteration then rejects with
   * an `OutputValidationError` if the schema refuses it.
   */
  get partialObjects(): AsyncIterable<DeepPartial<TObject>> {
    return { [Symbol.asyncIterator]: () => snapshotsOf(this.#chunks(), this.#tracker) };
  }

  /**
   * For an array answer: each element once, as soon as it is complete and valid by the schema
   * (an element the schema refuses is left out; `object()` then says why).
   */
  get elementStream(): AsyncIterable<OutputElement<TObject>> {
    return { [Symbol.asyncIterator]: () => elementsOf(this.#chunks(), this.#tracker) };
  }

  /** The chunks' iterator, which hands over a chunk that already arrived without waiting (see `drainReady`). */
  #chunks(): ReadyAwareIterator<ResponseChunk> {
    return this[Symbol.asyncIterator]() as ReadyAwareIterator<ResponseChunk>;
  }

  /** The answer, parsed and validated; rejects with an `OutputValidationError` when it is not the object asked for. */
  object(): Promise<TObject> {
    return this.response().then((response) => response.object);
  }
}

/** Reads every chunk that already arrived without waiting, so that one network read gives one snapshot. */
function drainReady(iterator: ReadyAwareIterator<ResponseChunk>): void {
  while (iterator[nextIfReady]() !== undefined) {}
}

function snapshotsOf<T>(iterator: ReadyAwareIterator<ResponseChunk>, tracker: OutputTracker): AsyncIterator<T> {
  /** The snapshot handed out last: the tracker gives it again when nothing visible changed. */
  let last: unknown = NOTHING;
  return {
    next: async () => {
      for (;;) {
        const result = await iterator.next();
        if (result.done === true) return DONE;
        drainReady(iterator);
        // Not `tracker.changed`: a failure that came in the same read (a cut answer) already took
        // the snapshot for its `partialObject`, and the reader must still get it first.
        const snapshot = tracker.snapshot();
        if (snapshot === NOTHING || snapshot === last) continue;
        last = snapshot;
        return { value: snapshot as T, done: false };
      }
    },
    return: async () => {
      await iterator.return?.();
      return DONE;
    },
  };
}

function elementsOf<T>(iterator: ReadyAwareIterator<ResponseChunk>, tracker: OutputTracker): AsyncIterator<T> {
  /** Elements handed out (or left out as invalid) so far. */
  let given = 0;
  const ready: T[] = [];
  /** Queues the elements now complete: all of them at the end, else those a later element follows. */
  const collect = async (ended: boolean) => {
    const snapshot = tracker.snapshot();
    if (!Array.isArray(snapshot)) return;
    const complete = ended || tracker.complete ? snapshot.length : snapshot.length - 1;
    for (; given < complete; given += 1) {
      const element = snapshot[given] as T;
      if (await isValidElement(tracker, element)) ready.push(element);
    }
  };
  return {
    next: async () => {
      for (;;) {
        if (ready.length > 0) return { value: ready.shift() as T, done: false };
        const result = await iterator.next();
        if (result.done === true) {
          await collect(true);
          if (ready.length === 0) return DONE;
          continue;
        }
        drainReady(iterator);
        // Even when a failure in the same read already took the snapshot (see snapshotsOf).
        await collect(false);
      }
    },
    return: async () => {
      await iterator.return?.();
      return DONE;
    },
  };
}

/** An element is valid when the schema, given an array of just it, finds nothing wrong with the element itself. */
async function isValidElement(tracker: OutputTracker, element: unknown): Promise<boolean> {
  const check = await tracker.output.validate([element]);
  // Issues about the array as a whole (e.g. its length) are not the element's.
  return (check.issues ?? []).every((issue) => (issue.path ?? []).length === 0);
}
