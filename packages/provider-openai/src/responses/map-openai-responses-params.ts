import { checkParamRange, type ReasoningParams, readEnv, refuseUnsupportedParam } from "@promptstream/core";
import type { ResponseCreateParamsBase } from "openai/resources/responses/responses";
import type { Reasoning } from "openai/resources/shared";
import { OPENAI_DEFAULT_MODEL, OPENAI_MODEL_ENV, refuseReasoningBudget } from "../map-openai-call-params.js";
import type { OpenAIResponsesCallParams } from "./openai-responses-call-params.js";

const PROVIDER = "openai";
const ENCRYPTED_REASONING = "reasoning.encrypted_content";

/**
 * The Responses API's ranges for the neutral params, and the neutral params it has no field for
 * (core already checked what every provider shares).
 */
export function validateOpenAIResponsesParams(params: OpenAIResponsesCallParams): void {
  checkParamRange(PROVIDER, "temperature", params.temperature, 0, 2);
  const useChat = "the Responses API has no such field; the Chat Completions adapter (OpenAIPrompt) has it.";
  refuseUnsupportedParam(PROVIDER, "stop", params.stop, useChat);
  refuseUnsupportedParam(PROVIDER, "seed", params.seed, useChat);
  refuseUnsupportedParam(PROVIDER, "presencePenalty", params.presencePenalty, useChat);
  refuseUnsupportedParam(PROVIDER, "frequencyPenalty", params.frequencyPenalty, useChat);
  refuseReasoningBudget(params.reasoning?.budgetTokens);
}

/** The request body without `input`, `instructions`'s system messages and the stream fields. */
export type OpenAIResponsesRequestFields = Omit<ResponseCreateParamsBase, "input" | "stream" | "stream_options">;

/**
 * Translates call params to Responses API request fields. The result holds only what was set,
 * plus the model: nothing undefined, no default the user did not ask for.
 *
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function mapOpenAIResponsesParams(params: OpenAIResponsesCallParams): OpenAIResponsesRequestFields {
  const {
    model,
    temperature,
    maxTokens,
    topP,
    // Refused by validateOpenAIResponsesParams; dropped here when the prompt's policy drops them.
    stop: _stop,
    seed: _seed,
    presencePenalty: _presencePenalty,
    frequencyPenalty: _frequencyPenalty,
    // Sent by convertToOpenAIResponsesTools, with the prompt's tools.
    toolChoice: _toolChoice,
    parallelToolCalls: _parallelToolCalls,
    reasoning,
    ...native
  } = params;
  const fields: OpenAIResponsesRequestFields = {
    ...native,
    model: model ?? readEnv(OPENAI_MODEL_ENV) ?? OPENAI_DEFAULT_MODEL,
  };
  if (temperature !== undefined) fields.temperature = temperature;
  if (maxTokens !== undefined) fields.max_output_tokens = maxTokens;
  if (topP !== undefined) fields.top_p = topP;
  if (reasoning !== undefined) mapReasoning(reasoning, fields);
  return fields;
}

/**
 * The neutral `reasoning` as the API's `reasoning` object: the effort, and `summary: "auto"` (the
 * reasoning summary is the only reasoning text OpenAI streams) unless `includeText` is `false`.
 * With `store: false` it also asks for `reasoning.encrypted_content`: OpenAI keeps no reasoning
 * items then, so the encrypted ones are what a later turn sends back (see the README's round trip).
 */
function mapReasoning(reasoning: ReasoningParams, fields: OpenAIResponsesRequestFields): void {
  const mapped: Reasoning = {};
  if (reasoning.effort !== undefined) mapped.effort = reasoning.effort;
  if (reasoning.includeText !== false) mapped.summary = "auto";
  if (Object.keys(mapped).length > 0) fields.reasoning = mapped;
  if (fields.store !== false) return;
  const include = fields.include ?? [];
  if (!include.includes(ENCRYPTED_REASONING)) fields.include = [...include, ENCRYPTED_REASONING];
}
