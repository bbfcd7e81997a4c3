import type { MessageCreateParamsBase } from "@anthropic-ai/sdk/resources/messages/messages";
import { readEnv, refuseUnsupportedParam } from "@promptstream/core";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import { mapAnthropicReasoning } from "./map-anthropic-reasoning.js";

/** The model used when none is given at definition, instance or call level, nor in `ANTHROPIC_MODEL`. */
export const ANTHROPIC_DEFAULT_MODEL = "claude-haiku-4-5";

/** The environment variable that names the model when the params do not. */
export const ANTHROPIC_MODEL_ENV = "ANTHROPIC_MODEL";

/** `max_tokens`, which the Messages API demands, when `maxTokens` is not set. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** The request body without `messages`, `system` and `stream`. */
export type AnthropicRequestFields = Omit<MessageCreateParamsBase, "messages" | "system" | "stream">;

const NO_SAMPLING =
  "the Messages API version of @anthropic-ai/sdk 1.x has no sampling controls, and current Claude models refuse them. Remove it from the call params.";

/** Refuses the neutral params Anthropic's API has no equivalent for, rather than dropping them. */
export function validateAnthropicCallParams(params: AnthropicCallParams): void {
  refuseUnsupportedParam("anthropic", "temperature", params.temperature, NO_SAMPLING);
  refuseUnsupportedParam("anthropic", "topP", params.topP, NO_SAMPLING);
  refuseUnsupportedParam(
    "anthropic",
    "seed",
    params.seed,
    "the Messages API has no seed. Remove it from the call params.",
  );
  const penaltyAdvice = "the Messages API has no repetition penalties. Remove it from the call params.";
  refuseUnsupportedParam("anthropic", "presencePenalty", params.presencePenalty, penaltyAdvice);
  refuseUnsupportedParam("anthropic", "frequencyPenalty", params.frequencyPenalty, penaltyAdvice);
}

/**
 * Translates call params to Messages API fields. The result holds what was set, plus the two
 * fields the API demands: `model` and `max_tokens`. The neutral `reasoning` becomes `thinking`
 * (and `output_config.effort`, merged with native `output_config` fields): see
 * `mapAnthropicReasoning`. The prompt's tools, `toolChoice` and `parallelToolCalls` are not
 * here: see `convertToAnthropicTools`.
 *
 * @see https://docs.claude.com/en/api/messages
 */
export function mapAnthropicCallParams(params: AnthropicCallParams): AnthropicRequestFields {
  const {
    model,
    maxTokens,
    stop,
    temperature: _temperature,
    topP: _topP,
    seed: _seed,
    presencePenalty: _presencePenalty,
    frequencyPenalty: _frequencyPenalty,
    // Sent as `tool_choice` with the prompt's tools (convertToAnthropicTools), never under these names.
    toolChoice: _toolChoice,
    parallelToolCalls: _parallelToolCalls,
    reasoning,
    ...native
  } = params;
  const { thinking, output_config } = mapAnthropicReasoning(reasoning);
  const fields: AnthropicRequestFields = {
    ...native,
    // validateAnthropicReasoning refused `reasoning` beside native `thinking` or `output_config.effort`.
    ...(thinking === undefined ? {} : { thinking }),
    ...(output_config === undefined ? {} : { output_config: { ...native.output_config, ...output_config } }),
    model: model ?? readEnv(ANTHROPIC_MODEL_ENV) ?? ANTHROPIC_DEFAULT_MODEL,
    max_tokens: maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
  };
  if (stop !== undefined) fields.stop_sequences = typeof stop === "string" ? [stop] : [...stop];
  return fields;
}
