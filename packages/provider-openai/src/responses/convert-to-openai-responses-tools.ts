import { CallParamsError, type ToolChoice, type ToolSpec } from "@promptstream/core";
import type { FunctionTool, Tool, ToolChoiceFunction, ToolChoiceOptions } from "openai/resources/responses/responses";
import { checkOpenAIStrictSchema } from "../check-openai-strict-schema.js";
import { refuseNativeToolTwins } from "../refuse-native-tool-twins.js";
import type { OpenAIResponsesCallParams } from "./openai-responses-call-params.js";

/** The request fields a prompt's tools become. */
export interface OpenAIResponsesToolFields {
  tools?: Tool[];
  tool_choice?: ToolChoiceOptions | ToolChoiceFunction;
  parallel_tool_calls?: boolean;
}

/**
 * Translates a prompt's tools, `toolChoice` and `parallelToolCalls` to the Responses API's flat
 * function tools, `tool_choice` and `parallel_tool_calls`; nothing for a prompt without tools,
 * whose native fields pass through as they are. Native built-in tools (`web_search`,
 * `file_search`...) are kept after the prompt's functions: the API runs those itself.
 *
 * @throws CallParamsError (`invalid_param`) when the params also set a native function tool, or
 * the native field for what a neutral param already says, or when a strict tool's schema breaks
 * OpenAI's strict-mode rules.
 */
export function convertToOpenAIResponsesTools(
  tools: readonly ToolSpec[] | undefined,
  params: Readonly<OpenAIResponsesCallParams>,
): OpenAIResponsesToolFields {
  if (tools === undefined) return {};
  const builtIn = params.tools ?? [];
  if (builtIn.some((tool) => tool.type === "function")) {
    throw new CallParamsError(
      "The prompt has `tools` (made with defineTool), and the call params set native function `tools` too: " +
        "give the functions one way only (native built-in tools such as web_search may stay beside the prompt's).",
      { code: "invalid_param", param: "tools", provider: "openai" },
    );
  }
  refuseNativeToolTwins(params);
  for (const tool of tools) if (tool.strict === true) checkOpenAIStrictSchema(tool);
  const fields: OpenAIResponsesToolFields = { tools: [...tools.map(toFunctionTool), ...builtIn] };
  if (params.toolChoice !== undefined) fields.tool_choice = toToolChoice(params.toolChoice);
  if (params.parallelToolCalls !== undefined) fields.parallel_tool_calls = params.parallelToolCalls;
  return fields;
}

function toFunctionTool(tool: ToolSpec): FunctionTool {
  // `strict` left out means the provider's default, and the Responses API's is strict, which
  // refuses most validators' schemas (defaults, optional fields): a tool behaves here as it does
  // under Chat Completions, where the default is not strict.
  const functionTool: FunctionTool = {
    type: "function",
    name: tool.name,
    parameters: { ...tool.parameters },
    strict: tool.strict ?? false,
  };
  if (tool.description !== undefined) functionTool.description = tool.description;
  return functionTool;
}

function toToolChoice(choice: ToolChoice): ToolChoiceOptions | ToolChoiceFunction {
  return typeof choice === "string" ? choice : { type: "function", name: choice.name };
}
