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
}
