import type { MessageCreateParamsBase, Model } from "@anthropic-ai/sdk/resources/messages/messages";
import type { CallParams } from "@promptstream/core";

/** The models Anthropic documents; any other model id is accepted too. */
export type AnthropicModel = Model;

/** Request fields that promptstream sets itself, or exposes under a neutral name. */
export type AnthropicManagedField = "messages" | "model" | "max_tokens" | "stream" | "stop_sequences" | "system";

/**
 * Anthropic's own request fields, under their API names (`thinking`, `tools`, `tool_choice`,
 * `metadata`, `service_tier`, ...), typed by the installed `@anthropic-ai/sdk`. Native `tools` are
 * for prompts without tools of their own: beside a prompt's `tools` they are refused.
 */
export type AnthropicNativeParams = Omit<MessageCreateParamsBase, AnthropicManagedField>;

/**
 * Call params for Anthropic: the neutral {@link CallParams} (camelCase) and Anthropic's own
 * fields (snake_case, as in its API).
 *
 * The Messages API version that `@anthropic-ai/sdk` 1.x speaks has no `temperature`, `topP`,
 * `seed` or penalties: setting one throws a `CallParamsError` before anything is sent.
 *
 * Thinking: the neutral `reasoning` becomes `thinking` (and `output_config.effort`); give it or
 * the native `thinking`, not both. Either way Anthropic's rules are checked before sending
 * (budget of 1024 or more and under `maxTokens`, no sampling params, no forced tool).
 *
 * @example
 * { model: "claude-sonnet-4-5", maxTokens: 8000, reasoning: { budgetTokens: 4096 } }
 * { model: "claude-haiku-4-5", maxTokens: 1024, thinking: { type: "adaptive" } }
 */
export interface AnthropicCallParams extends CallParams, AnthropicNativeParams {
  readonly model?: AnthropicModel | undefined;
}
