import type { ResponseChunk } from "../adapter/v1/response-chunk.js";

/**
 * A web `ReadableStream` of the text of `iterator`'s chunks. It pulls one chunk at a time, so
 * a slow reader slows the HTTP response; cancelling it cancels the request.
 */
export function toTextReadableStream(iterator: AsyncIterator<ResponseChunk>): ReadableStream<string> {
  return new ReadableStream<string>(
    {
      async pull(controller) {
        for (;;) {
          const result = await iterator.next();
          if (result.done === true) {
            controller.close();
            return;
          }
          if (result.value.content !== "") {
            controller.enqueue(result.value.content);
            return;
          }
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // Pull only when read: the request is sent by the first read, not by creating the stream.
    { highWaterMark: 0 },
  );
}
