import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import type { OpenAICallParams } from "./openai-call-params.js";

/** The model used when none is given at definition, instance or call level. */
export const OPENAI_DEFAULT_MODEL = "gpt-4o-mini";

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
    includeUsage: _includeUsage,
    maxTokensField,
    ...native
  } = params;
  const fields: Record<string, unknown> = { ...native, model: model ?? OPENAI_DEFAULT_MODEL };
  if (temperature !== undefined) fields.temperature = temperature;
  if (maxTokens !== undefined) fields[maxTokensField ?? "max_completion_tokens"] = maxTokens;
  if (topP !== undefined) fields.top_p = topP;
  if (stop !== undefined) fields.stop = typeof stop === "string" ? stop : [...stop];
  if (seed !== undefined) fields.seed = seed;
  if (presencePenalty !== undefined) fields.presence_penalty = presencePenalty;
  if (frequencyPenalty !== undefined) fields.frequency_penalty = frequencyPenalty;
  return fields as OpenAIRequestFields;
}
