/**
 * @module A prompt's tools as core uses them: checked once when the prompt is defined, then
 * checked against the adapter, the params and the messages of each call, before it is sent.
 */
import type { AdapterV1 } from "../adapter/v1/adapter-v1.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { ToolSpec } from "../adapter/v1/tool-spec.js";
import { CallParamsError } from "../errors/call-params-error.js";
import { ToolDefinitionError } from "../errors/tool-definition-error.js";
import type { CallParams } from "../params/call-params.js";
import type { Message } from "../prompt/message.js";
import type { AnyTool } from "./tool.js";

/** A prompt's tools, by name and as the adapter is told of them. */
export interface PromptTools {
  readonly byName: ReadonlyMap<string, AnyTool>;
  readonly specs: readonly ToolSpec[];
}

/** The definition's tools, checked; `undefined` for a prompt without any. */
export function preparePromptTools(tools: readonly AnyTool[] | undefined): PromptTools | undefined {
  if (tools === undefined || tools.length === 0) return undefined;
  const byName = new Map<string, AnyTool>();
  for (const tool of tools) {
    const name = (tool as Partial<AnyTool> | undefined)?.name;
    if (typeof name !== "string" || typeof tool.validateArgs !== "function") {
      throw new ToolDefinitionError("A prompt's `tools` must be made with defineTool({ name, parameters, ... }).", {
        code: "invalid_json_schema",
        toolName: String(name),
      });
    }
    if (byName.has(name)) {
      throw new ToolDefinitionError(`Two of the prompt's tools are named "${name}": each needs its own name.`, {
        code: "duplicate_tool",
        toolName: name,
      });
    }
    byName.set(name, tool);
  }
  const specs = tools.map(({ name, description, parameters, strict }) => ({ name, description, parameters, strict }));
  return { byName, specs };
}

/** Refuses, before sending, a call that uses tools where it cannot. */
export function checkToolUse(
  adapter: AdapterV1<object, ResponseChunk, CallResponse, unknown>,
  tools: PromptTools | undefined,
  params: CallParams,
  messages: readonly Message[],
): void {
  const usesTools = tools !== undefined || messages.some(isToolMessage);
  if (usesTools && adapter.supportsTools !== true) {
    throw new CallParamsError(
      `The ${adapter.provider} adapter does not support tools (it does not declare \`supportsTools\`), ` +
        "so a prompt with tools, or a history with tool calls and results, cannot be sent through it.",
      { code: "unsupported_param", param: "tools", provider: adapter.provider },
    );
  }
  for (const param of ["toolChoice", "parallelToolCalls"] as const) {
    if (params[param] !== undefined && tools === undefined) {
      throw new CallParamsError(`\`${param}\` needs tools: give the prompt \`tools: [...]\`, or leave it out.`, {
        code: "invalid_param",
        param,
      });
    }
  }
  const choice = params.toolChoice;
  if (typeof choice === "object" && tools !== undefined && !tools.byName.has(choice.name)) {
    throw new CallParamsError(
      `\`toolChoice\` names "${choice.name}", which is not one of the prompt's tools (${[...tools.byName.keys()].join(", ")}).`,
      { code: "invalid_param", param: "toolChoice" },
    );
  }
}

function isToolMessage(message: Message): boolean {
  return message.role === "tool" || (message.role === "assistant" && (message.toolCalls?.length ?? 0) > 0);
}
