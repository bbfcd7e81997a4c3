/**
 * Reads an iterator to its end, for `response()` on a stream nobody iterates. A failure is not
 * thrown here: the stream's outcome promise carries it to `text()` and `response()`.
 */
export function readToEnd(iterator: AsyncIterator<unknown>): void {
  const pump = async () => {
    while ((await iterator.next()).done !== true) {}
  };
  pump().catch(() => {});
}
