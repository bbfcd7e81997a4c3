import type { MessageCreateParamsBase } from "@anthropic-ai/sdk/resources/messages/messages";
import { checkParamRange, readEnv, refuseUnsupportedParam } from "@promptstream/core";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import { ANTHROPIC_SDK_LINE } from "./anthropic-sdk-line.js";
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
  "the Messages API version that @anthropic-ai/sdk 1.x sends (anthropic-version 2026-10-21) has no sampling controls, " +
  "and current Claude models refuse them. Remove it from the call params, or, for an older model that takes it, " +
  "install @anthropic-ai/sdk 0.x (0.82 or later), whose API version (2023-06-01) sends it.";

/**
 * Refuses the params Anthropic's API has no equivalent for, rather than dropping them. Which
 * those are depends on the installed SDK's line: on 0.x `temperature` (0 to 1) and `topP` are
 * sent, and so is Anthropic's own `top_k`; on 1.x all three are refused.
 */
export function validateAnthropicCallParams(params: AnthropicCallParams): void {
  if (ANTHROPIC_SDK_LINE === "0.x") {
    checkParamRange("anthropic", "temperature", params.temperature, 0, 1);
  } else {
    refuseUnsupportedParam("anthropic", "temperature", params.temperature, NO_SAMPLING);
    refuseUnsupportedParam("anthropic", "topP", params.topP, NO_SAMPLING);
    // Not in the 1.x types, but a JavaScript caller (or a cast) can still set it.
    refuseUnsupportedParam("anthropic", "top_k", (params as { top_k?: unknown }).top_k, NO_SAMPLING);
  }
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
 * fields the API demands: `model` and `max_tokens`. On SDK 0.x, `temperature` and `topP` become
 * `temperature` and `top_p`; on 1.x they were refused by {@link validateAnthropicCallParams}. The
 * neutral `reasoning` becomes `thinking` (and `output_config.effort`, merged with native
 * `output_config` fields): see `mapAnthropicReasoning`. The prompt's tools, `toolChoice` and
 * `parallelToolCalls` are not here: see `convertToAnthropicTools`.
 *
 * @see https://docs.claude.com/en/api/messages
 */
export function mapAnthropicCallParams(params: AnthropicCallParams): AnthropicRequestFields {
  const {
    model,
    maxTokens,
    stop,
    temperature,
    topP,
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
  if (ANTHROPIC_SDK_LINE === "0.x") {
    // Fields of the 0.x request types only: written by name, so that this compiles against 1.x too.
    const sampling = fields as { temperature?: number; top_p?: number };
    if (temperature !== undefined) sampling.temperature = temperature;
    if (topP !== undefined) sampling.top_p = topP;
  }
  return fields;
}
