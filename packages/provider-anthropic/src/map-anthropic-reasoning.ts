import type { OutputConfig, ThinkingConfigParam } from "@anthropic-ai/sdk/resources/messages/messages";
import type { ReasoningParams } from "@promptstream/core";

/** The request fields the neutral `reasoning` param becomes. */
export interface AnthropicReasoningFields {
  readonly thinking?: ThinkingConfigParam;
  readonly output_config?: OutputConfig;
}

/** The least `budget_tokens` Anthropic takes for manual extended thinking. */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;

const NONE: AnthropicReasoningFields = {};

/**
 * Maps the neutral `reasoning` param to the Messages API:
 *
 * | neutral | Anthropic |
 * |---|---|
 * | `{ budgetTokens: n }` | `thinking: { type: "enabled", budget_tokens: n }` (manual extended thinking) |
 * | `{ effort }` alone | `thinking: { type: "adaptive" }` and `output_config: { effort }` |
 * | `{ effort, budgetTokens }` | both: the budget's `thinking`, and `output_config.effort` |
 * | `{}` | `thinking: { type: "adaptive" }`: the model decides how much to think |
 * | `includeText: false` / `true` | `thinking.display: "omitted"` / `"summarized"` (left out: the model's default) |
 *
 * `effort` goes to `output_config.effort`, not to a made-up budget: the installed SDK's API has
 * a level for it (adaptive thinking, where Claude decides how much to think, tuned by effort),
 * which needs no `budget_tokens` under `max_tokens`. The constraints are checked before sending
 * by `validateAnthropicReasoning`.
 *
 * @see https://platform.claude.com/docs/en/build-with-claude/thinking
 */
export function mapAnthropicReasoning(reasoning: ReasoningParams | undefined): AnthropicReasoningFields {
  if (reasoning === undefined) return NONE;
  const { effort, budgetTokens, includeText } = reasoning;
  const display = includeText === undefined ? undefined : includeText ? "summarized" : "omitted";
  const thinking: ThinkingConfigParam =
    budgetTokens === undefined ? { type: "adaptive" } : { type: "enabled", budget_tokens: budgetTokens };
  if (display !== undefined) thinking.display = display;
  return effort === undefined ? { thinking } : { thinking, output_config: { effort } };
}
