/**
 * @module Turns a raw tool call into a typed one: finds its tool, parses its arguments and
 * validates them with the tool's schema. Never throws: a call that cannot be run is an
 * {@link InvalidToolCall} holding a `ToolCallError`.
 */
import type { RawToolCall } from "../adapter/v1/raw-tool-call.js";
import { ToolCallError } from "../errors/tool-call-error.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";
import type { AnyTool, ToolCall } from "./tool.js";

/** A tool call that cannot be run: an unknown tool, arguments that are not JSON, or that the schema refuses. */
export interface InvalidToolCall {
  readonly id: string;
  readonly name: string;
  readonly argsText: string;
  readonly error: ToolCallError;
}

/** A raw call, typed and validated, or the reason it cannot be run. */
export type CheckedToolCall = (
  | { readonly valid: true; readonly call: ToolCall }
  | { readonly valid: false; readonly call: InvalidToolCall }
) & {
  /** The arguments as the model wrote them, parsed once here (`{}` when they are not JSON), for the history. */
  readonly written: unknown;
};

/** Checks one raw call against the prompt's tools; synchronous unless the validator is asynchronous. */
export function validateToolCall(
  raw: RawToolCall,
  tools: ReadonlyMap<string, AnyTool>,
  cutOff = false,
): CheckedToolCall | Promise<CheckedToolCall> {
  if (cutOff) {
    // The token limit ended the answer inside this call: whatever its text, the model did not finish it.
    return invalid(
      raw,
      parseOrEmpty(raw.argsText),
      "incomplete",
      `The model reached its token limit while writing the call to "${raw.name}": its arguments are incomplete. Raise \`maxTokens\`.`,
    );
  }
  const tool = tools.get(raw.name);
  if (tool === undefined) {
    const known = [...tools.keys()].map((name) => `"${name}"`).join(", ");
    return invalid(
      raw,
      parseOrEmpty(raw.argsText),
      "unknown_tool",
      `The model called "${raw.name}", which is not one of this prompt's tools (${known}).`,
    );
  }
  let args: unknown;
  try {
    // A call without arguments: Anthropic sends no argument text at all, OpenAI may send "".
    args = raw.argsText.trim() === "" ? {} : JSON.parse(raw.argsText);
  } catch (cause) {
    return invalid(
      raw,
      {},
      "invalid_json",
      `The arguments of "${raw.name}" are not valid JSON: ${String(cause)}`,
      [],
      cause,
    );
  }
  let result: ReturnType<AnyTool["validateArgs"]>;
  try {
    result = tool.validateArgs(args);
  } catch (cause) {
    return thrown(raw, args, cause);
  }
  return result instanceof Promise
    ? result.then(
        (settled) => checked(raw, args, settled),
        (cause: unknown) => thrown(raw, args, cause),
      )
    : checked(raw, args, result);
}

/** A validator that throws (e.g. a refinement with a bug) refuses the call rather than breaking the stream. */
function thrown(raw: RawToolCall, written: unknown, cause: unknown): CheckedToolCall {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const message = `The schema of "${raw.name}" threw while validating: ${detail}`;
  return invalid(raw, written, "invalid_arguments", message, [], cause);
}

function checked(raw: RawToolCall, written: unknown, result: StandardSchemaV1.Result<unknown>): CheckedToolCall {
  if (result.issues !== undefined) {
    const detail = result.issues.map(describeIssue).join("; ");
    return invalid(
      raw,
      written,
      "invalid_arguments",
      `The arguments of "${raw.name}" do not fit its schema: ${detail}`,
      result.issues,
    );
  }
  return { valid: true, call: { id: raw.id, name: raw.name, args: result.value, argsText: raw.argsText }, written };
}

function invalid(
  raw: RawToolCall,
  written: unknown,
  code: ToolCallError["code"],
  message: string,
  issues: readonly StandardSchemaV1.Issue[] = [],
  cause?: unknown,
): CheckedToolCall {
  const error = new ToolCallError(message, {
    code,
    toolName: raw.name,
    toolCallId: raw.id,
    argsText: raw.argsText,
    issues,
    cause,
  });
  return { valid: false, call: { id: raw.id, name: raw.name, argsText: raw.argsText, error }, written };
}

function parseOrEmpty(argsText: string): unknown {
  try {
    return JSON.parse(argsText);
  } catch {
    return {};
  }
}

function describeIssue(issue: StandardSchemaV1.Issue): string {
  const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment));
  return path.length === 0 ? issue.message : `${path.join(".")}: ${issue.message}`;
}
