import { CallParamsError, checkParamRange, readEnv } from "@promptstream/core";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import type { OpenAICallParams } from "./openai-call-params.js";

/** The model used when none is given at definition, instance or call level, nor in `OPENAI_MODEL`. */
export const OPENAI_DEFAULT_MODEL = "gpt-4o-mini";

/** The environment variable that names the model when the params do not. */
export const OPENAI_MODEL_ENV = "OPENAI_MODEL";

/**
 * OpenAI's ranges for the neutral params (core already checked what every provider shares), and
 * the parts of the neutral `reasoning` Chat Completions cannot take.
 */
export function validateOpenAICallParams(params: OpenAICallParams): void {
  checkParamRange("openai", "temperature", params.temperature, 0, 2);
  checkParamRange("openai", "presencePenalty", params.presencePenalty, -2, 2);
  checkParamRange("openai", "frequencyPenalty", params.frequencyPenalty, -2, 2);
  if (params.reasoning === undefined) return;
  refuseReasoningBudget(params.reasoning.budgetTokens);
  if (params.reasoning_effort !== undefined) {
    throw new CallParamsError(
      "`reasoning` and OpenAI's native `reasoning_effort` are both set: they say the same thing, set one of them " +
        '(e.g. `reasoning: { effort: "low" }`).',
      { code: "invalid_param", param: "reasoning", provider: "openai" },
    );
  }
}

/**
 * Refuses `reasoning.budgetTokens`, on both APIs: OpenAI's reasoning models take an effort, not a
 * token budget, and no budget maps to an effort faithfully. Always thrown (a part of `reasoning`
 * cannot be dropped by the unsupported-params policy).
 */
export function refuseReasoningBudget(budgetTokens: number | undefined): void {
  if (budgetTokens === undefined) return;
  throw new CallParamsError(
    "openai does not support `reasoning.budgetTokens`: OpenAI's reasoning models take an effort, not a token " +
      'budget. Use `reasoning: { effort: "low" | "medium" | "high" }` instead (and `maxTokens` to cap the answer).',
    { code: "unsupported_param", param: "reasoning.budgetTokens", provider: "openai" },
  );
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
    reasoning,
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
  // `budgetTokens` is refused before this; `includeText` sends nothing: OpenAI streams no reasoning
  // text in Chat Completions, and OpenAI-compatible servers that do (`reasoning_content`) have no switch.
  if (reasoning?.effort !== undefined) fields.reasoning_effort = reasoning.effort;
  return fields as OpenAIRequestFields;
}
