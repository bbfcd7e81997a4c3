import type { ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages/messages";
import { type AdapterV1ValidationContext, CallParamsError } from "@promptstream/core";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from "./map-anthropic-call-params.js";
import { ANTHROPIC_MIN_THINKING_BUDGET, mapAnthropicReasoning } from "./map-anthropic-reasoning.js";

/**
 * Checks the thinking a request would send (the neutral `reasoning`, or Anthropic's native
 * `thinking`) against the Messages API's rules, before anything is sent:
 * - `reasoning` and native `thinking` (or `reasoning.effort` and native `output_config.effort`)
 *   are not both given: two answers to one question;
 * - `budget_tokens` is at least 1024 and under `max_tokens` (thinking counts toward it);
 * - no sampling params with thinking (`temperature`, `topP`, and Anthropic's `temperature`,
 *   `top_p`, `top_k` where the SDK has them);
 * - with tools, only `auto` / `none` tool choice: no forced tool (`toolChoice: "required"` or
 *   `{ name }`, native `tool_choice` `any` / `tool`, or a structured output in `tool` mode).
 */
export function validateAnthropicReasoning(params: AnthropicCallParams, context?: AdapterV1ValidationContext): void {
  const { reasoning } = params;
  if (reasoning !== undefined && params.thinking !== undefined) {
    fail(
      "thinking",
      "The call params hold both the neutral `reasoning` and Anthropic's native `thinking`: give one. " +
        "`reasoning` becomes `thinking` (see the README's table); keep `thinking` only for settings it has no neutral name for.",
    );
  }
  if (reasoning?.effort !== undefined && params.output_config?.effort != null) {
    fail(
      "output_config.effort",
      "The call params hold both `reasoning.effort` and Anthropic's native `output_config.effort`: give one.",
    );
  }
  const thinking = reasoning === undefined ? params.thinking : mapAnthropicReasoning(reasoning).thinking;
  if (thinking === undefined || thinking.type === "disabled") return;
  const neutral = reasoning !== undefined;
  if (thinking.type === "enabled") checkBudget(thinking, params.maxTokens, neutral);
  refuseSampling(params, neutral);
  refuseForcedTool(params, context, neutral);
}

function checkBudget(
  thinking: Extract<ThinkingConfigParam, { type: "enabled" }>,
  maxTokens: number | undefined,
  neutral: boolean,
) {
  const budget = thinking.budget_tokens;
  const param = neutral ? "reasoning.budgetTokens" : "thinking.budget_tokens";
  if (budget < ANTHROPIC_MIN_THINKING_BUDGET) {
    fail(
      param,
      `\`${param}\` is ${budget}, and Anthropic takes a thinking budget of ${ANTHROPIC_MIN_THINKING_BUDGET} tokens or more. Raise it to at least ${ANTHROPIC_MIN_THINKING_BUDGET}.`,
    );
  }
  const limit = maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  if (budget >= limit) {
    const given = maxTokens === undefined ? `the default ${limit}, as \`maxTokens\` is not set` : `${limit}`;
    fail(
      param,
      `\`${param}\` (${budget}) must be less than \`maxTokens\` (${given}): thinking counts toward max_tokens. ` +
        `Set \`maxTokens\` above it (e.g. ${budget + ANTHROPIC_DEFAULT_MAX_TOKENS}) or lower the budget.`,
    );
  }
}

function refuseSampling(params: AnthropicCallParams, neutral: boolean): void {
  // Anthropic's own sampling fields exist in some SDK majors only: read them by name.
  const native = params as Readonly<Record<string, unknown>>;
  const sampling: ReadonlyArray<readonly [string, unknown]> = [
    ["temperature", params.temperature ?? native.temperature],
    ["topP", params.topP],
    ["top_p", native.top_p],
    ["top_k", native.top_k],
  ];
  for (const [name, value] of sampling) {
    if (value === undefined || value === null) continue;
    fail(
      name,
      `\`${name}\` cannot be set with thinking (${neutral ? "`reasoning`" : "`thinking`"}): Anthropic refuses ` +
        "sampling changes while the model thinks. Remove it, or turn thinking off for this call.",
    );
  }
}

function refuseForcedTool(
  params: AnthropicCallParams,
  context: AdapterV1ValidationContext | undefined,
  neutral: boolean,
): void {
  const rule = `Anthropic allows only the "auto" and "none" tool choices with thinking (${neutral ? "`reasoning`" : "`thinking`"})`;
  if (context?.output?.mode === "tool") {
    fail(
      "output",
      `The prompt's structured output is asked for in \`tool\` mode (a forced tool call), and ${rule}. ` +
        'Use the `json_schema` output mode (`outputMode: "json_schema"`), or turn thinking off for this call.',
    );
  }
  const advice = `${rule}: let the model choose whether to call a tool, or turn thinking off for this call.`;
  const { toolChoice, tool_choice } = params;
  // The neutral choice is sent only with the prompt's tools; a native one always is.
  if (
    context?.tools !== undefined &&
    (toolChoice === "required" || (typeof toolChoice === "object" && toolChoice !== null))
  ) {
    fail("toolChoice", `\`toolChoice\` ${JSON.stringify(toolChoice)} forces a tool call, and ${advice}`);
  }
  if (tool_choice?.type === "any" || tool_choice?.type === "tool") {
    fail("tool_choice", `\`tool_choice\` of type "${tool_choice.type}" forces a tool call, and ${advice}`);
  }
}

function fail(param: string, message: string): never {
  throw new CallParamsError(`anthropic: ${message}`, { code: "invalid_param", param, provider: "anthropic" });
}
