import { checkParamRange, readEnv } from "@promptstream/core";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import type { OpenAICallParams } from "./openai-call-params.js";

/** The model used when none is given at definition, instance or call level, nor in `OPENAI_MODEL`. */
export const OPENAI_DEFAULT_MODEL = "gpt-4o-mini";

/** The environment variable that names the model when the params do not. */
export const OPENAI_MODEL_ENV = "OPENAI_MODEL";

/** OpenAI's ranges for the neutral params (core already checked what every provider shares). */
export function validateOpenAICallParams(params: OpenAICallParams): void {
  checkParamRange("openai", "temperature", params.temperature, 0, 2);
  checkParamRange("openai", "presencePenalty", params.presencePenalty, -2, 2);
  checkParamRange("openai", "frequencyPenalty", params.frequencyPenalty, -2, 2);
}

/** The request body without `messages`, `stream` and `stream_options`. */
export type OpenAIRequestFields = Omit<ChatCompletionCreateParamsBase, "messages" | "stream" | "stream_options">;

/**
 * Translates call params to OpenAI request fields. The result holds only what was set,
 * plus the model: nothing undefined, no default the user did not ask for.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function mapOpenAICallParams(params: OpenAICallParams): OpenAIRequestFields {
  const {
    model,
    temperature,
    maxTokens,
    topP,
    stop,
    seed,
    presencePenalty,
    frequencyPenalty,
    // Sent by convertToOpenAITools, with the prompt's tools.
    toolChoice: _toolChoice,
    parallelToolCalls: _parallelToolCalls,
    includeUsage: _includeUsage,
    maxTokensField,
    ...native
  } = params;
  const fields: Record<string, unknown> = {
    ...native,
    model: model ?? readEnv(OPENAI_MODEL_ENV) ?? OPENAI_DEFAULT_MODEL,
  };
  if (temperature !== undefined) fields.temperature = temperature;
  if (maxTokens !== undefined) fields[maxTokensField ?? "max_completion_tokens"] = maxTokens;
  if (topP !== undefined) fields.top_p = topP;
  if (stop !== undefined) fields.stop = typeof stop === "string" ? stop : [...stop];
  if (seed !== undefined) fields.seed = seed;
  if (presencePenalty !== undefined) fields.presence_penalty = presencePenalty;
  if (frequencyPenalty !== undefined) fields.frequency_penalty = frequencyPenalty;
  return fields as OpenAIRequestFields;
}
