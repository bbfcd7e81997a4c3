/** A body in pieces, with the time each piece had arrived by. */
export interface TimedPieces {
  readonly pieces: string[];
  readonly timesMs: number[];
}

/**
 * Re-cuts a server-sent-events body at its event boundaries (a blank line: `\n\n`, `\r\n\r\n`),
 * one event per piece ending with its blank line, whatever the packets it arrived in: a cassette
 * then reads, and diffs, one event per line, and its bytes joined are the same. Each event gets
 * the time its last character arrived. A body that is not an event stream stays as it arrived.
 */
export function splitAtEventBoundaries(arrived: TimedPieces, isEventStream: boolean): TimedPieces {
  if (!isEventStream) return arrived;
  const body = arrived.pieces.join("");
  const ends: number[] = [];
  let offset = 0;
  for (const piece of arrived.pieces) {
    offset += piece.length;
    ends.push(offset);
  }
  const pieces = body.match(/.*?(?:\r\n\r\n|\n\n|\r\r)|.+$/gs) ?? [];
  const timesMs: number[] = [];
  let end = 0;
  let arrival = 0;
  for (const piece of pieces) {
    end += piece.length;
    while ((ends[arrival] ?? Number.POSITIVE_INFINITY) < end) arrival++;
    timesMs.push(arrived.timesMs[arrival] ?? arrived.timesMs.at(-1) ?? 0);
  }
  return { pieces, timesMs };
}
