import { TimeoutError } from "../errors/provider-error.js";

/**
 * Aborts `controller` with a `TimeoutError` once `ms` have passed, unless cleared first. The
 * timer does not keep a process alive on its own (Node's `unref`): an abandoned stream must
 * not hold the process for its whole timeout.
 */
export function startDeadline(controller: AbortController, ms: number, provider: string): () => void {
  if (!Number.isFinite(ms)) return () => {};
  const timer = setTimeout(() => {
    controller.abort(
      new TimeoutError(
        `The ${provider} call took longer than its timeout of ${ms} ms. Raise \`timeout\` for long answers.`,
        { provider },
      ),
    );
  }, ms);
  (timer as { unref?: () => void }).unref?.();
  return () => clearTimeout(timer);
}
