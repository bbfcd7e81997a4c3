/**
 * The lines of a response body, for adapters of line-based wire formats (newline-delimited
 * JSON, SSE). A network read may end anywhere, in the middle of a line or of a UTF-8
 * character: the bytes are decoded as a stream and the text after the last newline waits for
 * the next read. Blank lines are skipped; a last line without a newline is kept. Leaving the
 * loop early cancels the body, which closes the connection.
 *
 * @example
 * for await (const line of readLines(response.body)) yield new MyChunk(JSON.parse(line));
 */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? pending + decoder.decode() : pending + decoder.decode(value, { stream: true });
      let start = 0;
      // `pending` holds no newline: search only what was just read.
      for (let end = text.indexOf("\n", pending.length); end !== -1; end = text.indexOf("\n", start)) {
        const line = text.slice(start, end).trim();
        start = end + 1;
        if (line !== "") yield line;
      }
      pending = text.slice(start);
      if (done) break;
    }
    ended = true;
    const last = pending.trim();
    if (last !== "") yield last;
  } finally {
    if (!ended) reader.cancel().catch(() => {});
  }
}
