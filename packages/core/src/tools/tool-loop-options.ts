/** How a prompt with tools runs them: given at definition, instance or call level; the most specific wins. */
export interface ToolLoopOptions {
  /**
   * How many requests the tool loop may send: after a step whose calls all have `execute`, the
   * calls are run and their results sent back, until the model answers without tools or this
   * many steps were sent. Default 1: no loop, the calls are yours to run.
   */
  readonly maxSteps?: number | undefined;
  /**
   * What a tool that throws does in the loop: `"send"` (default) sends its error to the model as
   * the call's result (`isError`), so the model can recover; `"throw"` ends the loop with a
   * `ToolExecutionError`.
   */
  readonly toolErrors?: "send" | "throw" | undefined;
  /**
   * Also yield a `tool-call-delta` part for each fragment of a call's arguments, with the
   * arguments parsed so far (`partialArgs`, by the structured-output parser): for a UI that shows
   * a call while the model writes it. Off by default (a part per fragment is an object per fragment).
   */
  readonly toolCallDeltas?: boolean | undefined;
}
