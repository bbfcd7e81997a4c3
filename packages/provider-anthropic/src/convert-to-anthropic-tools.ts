import type { ToolChoice as AnthropicToolChoice, Tool } from "@anthropic-ai/sdk/resources/messages/messages";
import { CallParamsError, type ToolChoice, type ToolSpec } from "@promptstream/core";
import type { AnthropicCallParams } from "./anthropic-call-params.js";

/** The request fields that carry a prompt's tools: `tools`, and `tool_choice` when one was asked for. */
export interface AnthropicToolFields {
  readonly tools?: Tool[];
  readonly tool_choice?: AnthropicToolChoice;
}

const NONE: AnthropicToolFields = {};

/**
 * Converts a prompt's tools and the neutral `toolChoice` / `parallelToolCalls` to the Messages
 * API's `tools` and `tool_choice`. Without tools it returns no field, so that Anthropic's native
 * `tools` and `tool_choice`, given in the call params, go through as they are. Throws a
 * `CallParamsError` when the prompt's tools would collide with native ones.
 */
export function convertToAnthropicTools(
  tools: readonly ToolSpec[] | undefined,
  params: Readonly<AnthropicCallParams>,
): AnthropicToolFields {
  if (tools === undefined) return NONE;
  refuseNativeDuplicates(params);
  const toolChoice = toAnthropicToolChoice(params.toolChoice, params.parallelToolCalls);
  const converted = tools.map(toAnthropicTool);
  return toolChoice === undefined ? { tools: converted } : { tools: converted, tool_choice: toolChoice };
}

function toAnthropicTool({ name, description, parameters, strict }: ToolSpec): Tool {
  // Core checked that the schema is an object schema: the `type: "object"` the SDK's type asks for.
  const tool: Tool = { name, input_schema: parameters as Tool.InputSchema };
  if (description !== undefined) tool.description = description;
  // Anthropic's strict tool use, as OpenAI's: sent only when asked for, so the API's default applies otherwise.
  if (strict !== undefined) tool.strict = strict;
  return tool;
}

/**
 * `tool_choice` for the neutral choice. Anthropic has no separate parallel-calls field: it is the
 * choice's `disable_parallel_tool_use`, so `parallelToolCalls: false` alone still sends a choice
 * (`auto`, the API's default). `none` has no such flag: no call at all cannot be several.
 */
function toAnthropicToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
): AnthropicToolChoice | undefined {
  const single = parallelToolCalls === false;
  if (choice === undefined) return single ? { type: "auto", disable_parallel_tool_use: true } : undefined;
  if (choice === "none") return { type: "none" };
  const base: AnthropicToolChoice =
    choice === "auto"
      ? { type: "auto" }
      : choice === "required"
        ? { type: "any" }
        : { type: "tool", name: choice.name };
  return single ? { ...base, disable_parallel_tool_use: true } : base;
}

/** Native `tools` or `tool_choice` beside the prompt's neutral ones: two answers to one question. */
function refuseNativeDuplicates(params: Readonly<AnthropicCallParams>): void {
  if (params.tools !== undefined) {
    throw new CallParamsError(
      "The prompt has tools (its `tools`, made with defineTool) and the call params hold Anthropic's native `tools` " +
        "too: give the tools one way. Keep the prompt's `tools` (typed, validated calls), or remove them to send " +
        "native `tools` as they are.",
      { code: "invalid_param", param: "tools", provider: "anthropic" },
    );
  }
  const neutral = params.toolChoice !== undefined ? "toolChoice" : "parallelToolCalls";
  if (params.tool_choice !== undefined && params[neutral] !== undefined) {
    throw new CallParamsError(
      `The call params hold both \`${neutral}\` and Anthropic's native \`tool_choice\`: give one. ` +
        "`toolChoice` and `parallelToolCalls` become `tool_choice` for the prompt's tools.",
      { code: "invalid_param", param: "tool_choice", provider: "anthropic" },
    );
  }
}
