import type { ResponseChunk } from "../adapter/v1/response-chunk.js";

/** The non-empty text of each chunk, for `textStream`; closing it closes the chunks' iterator. */
export async function* textOf(iterator: AsyncIterator<ResponseChunk>): AsyncGenerator<string, void, undefined> {
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
