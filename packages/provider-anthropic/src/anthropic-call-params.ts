import type { MessageCreateParamsBase, Model } from "@anthropic-ai/sdk/resources/messages/messages";
import type { CallParams } from "@promptstream/core";

/** The models Anthropic documents; any other model id is accepted too. */
export type AnthropicModel = Model;

/**
 * Request fields that promptstream sets itself, or exposes under a neutral name (`temperature`
 * and `top_p`, which only the 0.x SDK's types have, are the neutral `temperature` and `topP`).
 */
export type AnthropicManagedField =
  | "messages"
  | "model"
  | "max_tokens"
  | "stream"
  | "stop_sequences"
  | "system"
  | "temperature"
  | "top_p";

/**
 * Anthropic's own request fields, under their API names (`thinking`, `tools`, `tool_choice`,
 * `metadata`, `service_tier`, ...), typed by the installed `@anthropic-ai/sdk`: with the 0.x SDK
 * they include `top_k`, with 1.x they do not. Native `tools` are for prompts without tools of
 * their own: beside a prompt's `tools` they are refused.
 */
export type AnthropicNativeParams = Omit<MessageCreateParamsBase, AnthropicManagedField>;

/**
 * Call params for Anthropic: the neutral {@link CallParams} (camelCase) and Anthropic's own
 * fields (snake_case, as in its API).
 *
 * `temperature` and `topP` depend on the installed SDK's line: 0.x sends them (its API version,
 * `2023-06-01`, takes them for older models); the API version that 1.x speaks (`2026-10-21`) has
 * no sampling params, so there they throw a `CallParamsError` before anything is sent. `seed` and
 * the penalties throw on both.
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
