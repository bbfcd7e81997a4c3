import { PromptstreamError } from "./promptstream-error.js";

/**
 * A tool's `execute` threw, and the prompt's `toolErrors` option is `"throw"` (by default the
 * error is sent back to the model as the call's result instead). The thrown value is `cause`.
 */
export class ToolExecutionError extends PromptstreamError {
  override readonly name = "ToolExecutionError";
  readonly code = "tool_failed";
  readonly toolName: string;
  readonly toolCallId: string;
  /** The text the tool loop had streamed, over every step, before the failure. */
  readonly partialText: string;

  constructor(options: {
    readonly toolName: string;
    readonly toolCallId: string;
    readonly partialText: string;
    readonly cause: unknown;
  }) {
    const detail = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`The tool "${options.toolName}" failed: ${detail}`, { cause: options.cause });
    this.toolName = options.toolName;
    this.toolCallId = options.toolCallId;
    this.partialText = options.partialText;
  }
}
