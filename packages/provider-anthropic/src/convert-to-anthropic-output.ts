import type { Tool, ToolChoiceTool } from "@anthropic-ai/sdk/resources/messages/messages";
import { CallParamsError, type OutputSpec } from "@promptstream/core";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import type { AnthropicRequestFields } from "./map-anthropic-call-params.js";

/** The request fields a prompt's structured output becomes. */
export type AnthropicOutputFields = Pick<AnthropicRequestFields, "output_config" | "tools" | "tool_choice">;

/**
 * Translates a prompt's `output`: in `json_schema` mode to `output_config.format` (Anthropic's
 * structured outputs; other `output_config` fields, such as `effort`, are kept); in `tool` mode to
 * one tool whose input is the answer, and a `tool_choice` that forces it (for models without
 * structured outputs). Nothing in `json` mode: core put the schema in the instructions.
 *
 * @see https://docs.claude.com/en/docs/build-with-claude/structured-outputs
 * @throws CallParamsError (`invalid_param`) when the params already set what the output needs.
 */
export function convertToAnthropicOutput(
  output: OutputSpec | undefined,
  params: Readonly<AnthropicCallParams>,
): AnthropicOutputFields {
  if (output === undefined || output.mode === "json") return {};
  if (output.mode === "json_schema") {
    if (params.output_config?.format != null) refuse("output_config.format");
    return {
      output_config: { ...params.output_config, format: { type: "json_schema", schema: { ...output.schema } } },
    };
  }
  if (params.tools !== undefined) refuse("tools");
  if (params.tool_choice !== undefined) refuse("tool_choice");
  const tool: Tool = { name: output.name, input_schema: output.schema as Tool.InputSchema };
  if (output.description !== undefined) tool.description = output.description;
  const choice: ToolChoiceTool = { type: "tool", name: output.name };
  return { tools: [tool], tool_choice: choice };
}

function refuse(field: string): never {
  throw new CallParamsError(
    `The prompt has an \`output\` schema, and the call params set Anthropic's native \`${field}\` too, which the ` +
      "output needs: give the format one way only (the prompt's `output` gives partial objects and validation).",
    { code: "invalid_param", param: field, provider: "anthropic" },
  );
}
