/**
 * Makes `controller` abort when any of `signals` does, with that signal's reason. Returns a
 * function that removes the listeners, so that a long-lived signal does not keep every
 * finished request alive.
 */
export function linkAbortSignals(
  controller: AbortController,
  signals: ReadonlyArray<AbortSignal | undefined>,
): () => void {
  const unlinks: Array<() => void> = [];
  for (const signal of signals) {
    if (signal === undefined) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    unlinks.push(() => signal.removeEventListener("abort", onAbort));
  }
  return () => {
    for (const unlink of unlinks) unlink();
  };
}
