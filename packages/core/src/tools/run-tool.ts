/**
 * @module Runs one tool call for the loop, and turns what the tool returned or threw into what is
 * sent back to the model. Never throws: the loop decides what a failure does.
 */
import type { JsonValue } from "../prompt/message.js";
import type { AnyTool, ToolCall } from "./tool.js";

/** How a tool call went: its result and the content sent back, or its error. */
export type ToolRun =
  | { readonly ok: true; readonly result: unknown; readonly content: string | JsonValue }
  | { readonly ok: false; readonly error: unknown; readonly message: string };

/** Runs `call` with its tool's `execute`, with the loop's abort signal. */
export async function runTool(tool: AnyTool, call: ToolCall, signal: AbortSignal): Promise<ToolRun> {
  try {
    const execute = tool.execute as (args: unknown, context: { signal: AbortSignal; toolCallId: string }) => unknown;
    const result = await execute(call.args, { signal, toolCallId: call.id });
    return { ok: true, result, content: toContent(tool.name, result) };
  } catch (error) {
    return { ok: false, error, message: error instanceof Error ? error.message : String(error) };
  }
}

/** What the model receives: text as it is, anything else as a JSON value (`null` for nothing). */
function toContent(toolName: string, result: unknown): string | JsonValue {
  if (typeof result === "string") return result;
  if (result === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(result)) as JsonValue;
  } catch (cause) {
    throw new TypeError(`The tool "${toolName}" returned a value that JSON cannot hold: ${String(cause)}`);
  }
}
