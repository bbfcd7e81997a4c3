import type { FunctionCallingConfigMode, Tool, ToolConfig } from "@google/genai";
import { CallParamsError, type ToolChoice, type ToolSpec } from "@promptstream/core";
import type { GoogleCallParams } from "./google-call-params.js";

/** The config fields that carry a prompt's tools: `tools`, and `toolConfig` when a choice was asked for. */
export interface GoogleToolFields {
  readonly tools?: Tool[];
  readonly toolConfig?: ToolConfig;
}

const NONE: GoogleToolFields = {};

/**
 * Converts a prompt's tools and the neutral `toolChoice` to Gemini's `tools` (one tool of
 * `functionDeclarations`, each with its JSON Schema as `parametersJsonSchema`) and
 * `toolConfig.functionCallingConfig`. Without tools it returns no field, so that Gemini's native
 * `tools` and `toolConfig`, given in the call params, go through as they are.
 *
 * @throws CallParamsError when the prompt's tools would collide with native ones.
 */
export function convertToGoogleTools(
  tools: readonly ToolSpec[] | undefined,
  params: Readonly<GoogleCallParams>,
): GoogleToolFields {
  if (tools === undefined) return NONE;
  refuseNativeDuplicates(params);
  const functionDeclarations = tools.map(({ name, description, parameters }) =>
    // `parametersJsonSchema` takes JSON Schema as is (`parameters` is Gemini's OpenAPI subset).
    description === undefined
      ? { name, parametersJsonSchema: { ...parameters } }
      : { name, description, parametersJsonSchema: { ...parameters } },
  );
  const choice = params.toolChoice;
  const converted: Tool[] = [{ functionDeclarations }];
  return choice === undefined
    ? { tools: converted }
    : { tools: converted, toolConfig: { functionCallingConfig: toFunctionCallingConfig(choice) } };
}

function toFunctionCallingConfig(choice: ToolChoice): NonNullable<ToolConfig["functionCallingConfig"]> {
  if (choice === "auto") return { mode: mode("AUTO") };
  if (choice === "none") return { mode: mode("NONE") };
  if (choice === "required") return { mode: mode("ANY") };
  return { mode: mode("ANY"), allowedFunctionNames: [choice.name] };
}

/**
 * The SDK's enum member for a mode, by its wire value: the enum's runtime object would make this
 * module load the whole SDK on import (it is loaded with the first client instead).
 */
function mode(value: `${FunctionCallingConfigMode}`): FunctionCallingConfigMode {
  return value as FunctionCallingConfigMode;
}

/** Native `tools` or `toolConfig.functionCallingConfig` beside the prompt's neutral ones: two answers to one question. */
function refuseNativeDuplicates(params: Readonly<GoogleCallParams>): void {
  if (params.tools !== undefined) {
    throw new CallParamsError(
      "The prompt has tools (its `tools`, made with defineTool) and the call params hold Gemini's native `tools` " +
        "too: give the tools one way. Keep the prompt's `tools` (typed, validated calls), or remove them to send " +
        "native `tools` as they are.",
      { code: "invalid_param", param: "tools", provider: "google" },
    );
  }
  if (params.toolConfig?.functionCallingConfig !== undefined && params.toolChoice !== undefined) {
    throw new CallParamsError(
      "The call params hold both `toolChoice` and Gemini's native `toolConfig.functionCallingConfig`: give one. " +
        "`toolChoice` becomes `functionCallingConfig` for the prompt's tools.",
      { code: "invalid_param", param: "toolConfig", provider: "google" },
    );
  }
}
