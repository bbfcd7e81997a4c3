import { CallParamsError, type ToolChoice, type ToolSpec } from "@promptstream/core";
import type { ChatCompletionFunctionTool, ChatCompletionToolChoiceOption } from "openai/resources/chat/completions";
import type { FunctionDefinition } from "openai/resources/shared";
import { checkOpenAIStrictSchema } from "./check-openai-strict-schema.js";
import type { OpenAICallParams } from "./openai-call-params.js";
import { refuseNativeToolTwins } from "./refuse-native-tool-twins.js";

/** The request fields a prompt's tools become. */
export interface OpenAIToolFields {
  tools?: ChatCompletionFunctionTool[];
  tool_choice?: ChatCompletionToolChoiceOption;
  parallel_tool_calls?: boolean;
}

/**
 * Translates a prompt's tools, `toolChoice` and `parallelToolCalls` to OpenAI's `tools`,
 * `tool_choice` and `parallel_tool_calls`; nothing for a prompt without tools, whose native
 * fields pass through as they are. Strict tools are checked against OpenAI's strict-mode rules.
 *
 * @throws CallParamsError (`invalid_param`) when the params also set the native field for what
 * the prompt's tools or a neutral param already say, or when a strict tool's schema breaks the rules.
 */
export function convertToOpenAITools(
  tools: readonly ToolSpec[] | undefined,
  params: Readonly<OpenAICallParams>,
): OpenAIToolFields {
  if (tools === undefined) return {};
  if (params.tools !== undefined) {
    throw new CallParamsError(
      "The prompt has `tools` (made with defineTool), and the call params set OpenAI's native `tools` too: " +
        "give the tools one way only, either in the prompt's `tools` or as native `tools` in its call params.",
      { code: "invalid_param", param: "tools", provider: "openai" },
    );
  }
  refuseNativeToolTwins(params);
  for (const tool of tools) if (tool.strict === true) checkOpenAIStrictSchema(tool);
  const fields: OpenAIToolFields = { tools: tools.map(toOpenAITool) };
  if (params.toolChoice !== undefined) fields.tool_choice = toOpenAIToolChoice(params.toolChoice);
  if (params.parallelToolCalls !== undefined) fields.parallel_tool_calls = params.parallelToolCalls;
  return fields;
}

function toOpenAITool(tool: ToolSpec): ChatCompletionFunctionTool {
  const definition: FunctionDefinition = { name: tool.name, parameters: tool.parameters };
  if (tool.description !== undefined) definition.description = tool.description;
  if (tool.strict !== undefined) definition.strict = tool.strict;
  return { type: "function", function: definition };
}

function toOpenAIToolChoice(choice: ToolChoice): ChatCompletionToolChoiceOption {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}
