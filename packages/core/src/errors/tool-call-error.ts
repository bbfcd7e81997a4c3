import type { StandardSchemaV1 } from "../prompt/standard-schema.js";
import { PromptstreamError } from "./promptstream-error.js";

/** Why a tool call the model made cannot be run. */
export type ToolCallErrorCode = "unknown_tool" | "invalid_json" | "invalid_arguments" | "incomplete";

/** Options of a {@link ToolCallError}. */
export interface ToolCallErrorOptions {
  readonly code: ToolCallErrorCode;
  readonly toolName: string;
  readonly toolCallId: string;
  /** The arguments as the model wrote them. */
  readonly argsText: string;
  /** The validator's issues, for `invalid_arguments`. */
  readonly issues?: readonly StandardSchemaV1.Issue[] | undefined;
  readonly cause?: unknown;
}

/**
 * The model called a tool the prompt does not have, wrote arguments that are not JSON or that
 * the tool's schema refuses, or was cut off by its token limit while writing the call (`incomplete`). Never thrown into the stream: the call is reported as invalid (in
 * `invalidToolCalls`, and sent back to the model as an error result by the tool loop).
 */
export class ToolCallError extends PromptstreamError {
  override readonly name = "ToolCallError";
  readonly code: ToolCallErrorCode;
  readonly toolName: string;
  readonly toolCallId: string;
  readonly argsText: string;
  readonly issues: readonly StandardSchemaV1.Issue[];

  constructor(message: string, options: ToolCallErrorOptions) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.toolName = options.toolName;
    this.toolCallId = options.toolCallId;
    this.argsText = options.argsText;
    this.issues = options.issues ?? [];
  }
}
