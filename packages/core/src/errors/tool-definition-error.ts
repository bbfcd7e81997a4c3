import { PromptstreamError } from "./promptstream-error.js";

/** What was wrong with a tool's definition, or with the tools a prompt was given. */
export type ToolDefinitionErrorCode = "invalid_tool_name" | "no_json_schema" | "invalid_json_schema" | "duplicate_tool";

/**
 * A tool cannot be sent as defined: a name the providers refuse, a schema with no JSON Schema to
 * send, two tools of one name. Thrown by `defineTool` or when a prompt is defined, before any request.
 */
export class ToolDefinitionError extends PromptstreamError {
  override readonly name = "ToolDefinitionError";
  readonly code: ToolDefinitionErrorCode;
  /** The tool's name, as given. */
  readonly toolName: string;

  constructor(message: string, options: { readonly code: ToolDefinitionErrorCode; readonly toolName: string }) {
    super(message);
    this.code = options.code;
    this.toolName = options.toolName;
  }
}
