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

/** The non-empty reasoning of each chunk, for `reasoningStream`; closing it closes the chunks' iterator. */
export async function* reasoningOf(iterator: AsyncIterator<ResponseChunk>): AsyncGenerator<string, void, undefined> {
  try {
    for (;;) {
      const result = await iterator.next();
      if (result.done === true) return;
      const reasoning = result.value.reasoning;
      if (reasoning !== undefined && reasoning !== "") yield reasoning;
    }
  } finally {
    await iterator.return?.();
  }
}
