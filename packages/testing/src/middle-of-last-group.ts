/**
 * Where to cut a stream in the middle of its last part (a tool call, a content block): the index
 * of the event just after the first half of the events whose group (`groupOf`, e.g. a call's
 * `index`) is the highest; the whole length when there is none.
 */
export function middleOfLastGroup<T>(events: readonly T[], groupOf: (event: T) => number | undefined): number {
  const grouped = events.flatMap((event, at) => {
    const group = groupOf(event);
    return group === undefined ? [] : [{ at, group }];
  });
  const last = Math.max(...grouped.map((event) => event.group));
  const ofLast = grouped.filter((event) => event.group === last);
  return ofLast[Math.ceil(ofLast.length / 2)]?.at ?? events.length;
}
