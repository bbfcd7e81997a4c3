/**
 * @module A stream's chunks as the text of an HTTP body, one batch at a time: the chunks that one
 * network read brought become one piece of text (one write, one encode), so the per-chunk cost of
 * sending a stream on is a few string concatenations.
 */
import { isReadyAware, nextIfReady } from "../adapter/helpers/next-if-ready.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { chunkEvent, errorEvent, objectEvent, partEvent, responseEvent } from "./encode-wire-events.js";

/** The text of a body, batch by batch. */
export interface BodyBatches {
  /** The next piece of text (never `""`); `undefined` once the body is complete. */
  next(): Promise<string | undefined>;
  /** The reader of the body left: closes the chunks' iterator, which cancels the provider request. */
  cancel(): Promise<void>;
}

/** The answer parsed so far, for a stream with an `output` schema; `undefined` while nothing is visible. */
export type PartialObjectSource = () => unknown;

/**
 * The text of the chunks, as it arrives. A failure rejects `next()`: a text body has no way to say
 * it failed but to stop short, which the caller makes visible by erroring the body.
 */
export function textBatches(iterator: AsyncIterator<ResponseChunk>): BodyBatches {
  const readyAware = isReadyAware(iterator) ? iterator : undefined;
  return {
    async next() {
      for (;;) {
        const result = await iterator.next();
        if (result.done === true) return undefined;
        let text = result.value.content;
        // The chunks the same network read brought: sent together.
        for (let ready = readyAware?.[nextIfReady](); ready !== undefined && ready.done !== true; ) {
          text += ready.value.content;
          ready = readyAware?.[nextIfReady]();
        }
        if (text !== "") return text;
      }
    },
    cancel: () => closeIterator(iterator),
  };
}

/**
 * The chunks as server-sent events (see `event-stream-wire.ts`), then the final response, or an
 * `error` event for a failure: the body of an event stream always ends cleanly, so that the
 * client reads why it ended.
 */
export function eventBatches(
  iterator: AsyncIterator<ResponseChunk>,
  response: () => Promise<CallResponse>,
  partialObject?: PartialObjectSource,
): BodyBatches {
  const readyAware = isReadyAware(iterator) ? iterator : undefined;
  let ended = false;
  let lastObject: unknown;
  const objectChange = (): string => {
    const object = partialObject?.();
    if (object === undefined || object === lastObject) return "";
    lastObject = object;
    return objectEvent(object);
  };
  const end = async (): Promise<string> => {
    ended = true;
    try {
      return objectChange() + responseEvent(await response());
    } catch (error) {
      return errorEvent(error);
    }
  };
  return {
    async next() {
      if (ended) return undefined;
      let text = "";
      try {
        for (;;) {
          const result = await iterator.next();
          if (result.done === true) return text + (await end());
          text += eventOf(result.value);
          for (let ready = readyAware?.[nextIfReady](); ready !== undefined; ready = readyAware?.[nextIfReady]()) {
            if (ready.done === true) return text + objectChange() + (await end());
            text += eventOf(ready.value);
          }
          text += objectChange();
          if (text !== "") return text;
        }
      } catch (error) {
        ended = true;
        // A failure of the stream closed it already; one in encoding (a tool result JSON cannot hold) did not.
        await closeIterator(iterator);
        return text + objectChange() + errorEvent(error);
      }
    },
    cancel: () => closeIterator(iterator),
  };
}

function eventOf(chunk: ResponseChunk): string {
  return typeof (chunk as { kind?: unknown }).kind === "string" ? partEvent(chunk) : chunkEvent(chunk);
}

async function closeIterator(iterator: AsyncIterator<unknown>): Promise<void> {
  await iterator.return?.();
}
