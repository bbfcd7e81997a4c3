/**
 * @module The suite's own waits. Their timers are kept in {@link suiteTimers}, so that the
 * resource tracker does not count them as left behind by the scenario.
 */
import type { RecordedRequest } from "../../servers/loopback-server.js";

/** The suite's own timers, which the resource tracker leaves out. */
export const suiteTimers = new WeakSet<object>();

/** Resolves after `ms`, on a timer of the suite's own. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    suiteTimers.add(setTimeout(resolve, ms));
  });
}

/** Resolves once `condition` holds; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("timed out waiting for a condition");
    await pause(2);
  }
}

/** How a request ended, or `"still open"` if it has not within half a second. */
export function outcomeSoon(request: RecordedRequest | undefined): Promise<string> {
  if (request === undefined) return Promise.resolve("no request");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("still open"), 500);
    suiteTimers.add(timer);
  });
  return Promise.race([request.outcome, open]).finally(() => clearTimeout(timer));
}
