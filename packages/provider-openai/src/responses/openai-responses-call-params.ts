import type { CallParams } from "@promptstream/core";
import type { ResponseCreateParamsBase } from "openai/resources/responses/responses";

/** The models the Responses API documents; any other model id is accepted too. */
export type OpenAIResponsesModel = NonNullable<ResponseCreateParamsBase["model"]>;

/**
 * Responses API request fields that promptstream sets itself, or exposes under a neutral name:
 * not in {@link OpenAIResponsesNativeParams}.
 */
export type OpenAIResponsesManagedField =
  | "input"
  | "model"
  | "stream"
  | "stream_options"
  | "temperature"
  | "max_output_tokens"
  | "top_p"
  | "reasoning";

/**
 * The Responses API's own request fields, under their API names (`store`,
 * `previous_response_id`, `include`, `text`, `instructions`, `prompt_cache_key`, built-in
 * `tools`...), typed by the installed `openai` SDK. Its `reasoning` object is set through the
 * neutral `reasoning` param instead (see {@link OpenAIResponsesCallParams}).
 */
export type OpenAIResponsesNativeParams = Omit<ResponseCreateParamsBase, OpenAIResponsesManagedField>;

/**
 * Call params for the OpenAI Responses API: the neutral {@link CallParams} (camelCase) and the
 * API's own fields (snake_case, as in its API). `stop`, `seed`, `presencePenalty` and
 * `frequencyPenalty` have no equivalent in this API and are refused, and so is
 * `reasoning.budgetTokens` (OpenAI takes an effort). The neutral `reasoning` is sent as
 * `reasoning: { effort, summary: "auto" }` (no summary with `includeText: false`); with
 * `store: false` it also asks for `include: ["reasoning.encrypted_content"]`.
 *
 * @example
 * { model: "gpt-5-mini", maxTokens: 500, reasoning: { effort: "low" }, store: false }
 */
export interface OpenAIResponsesCallParams extends CallParams, OpenAIResponsesNativeParams {
  /** The model; default: `OPENAI_MODEL` from the environment, else `OPENAI_DEFAULT_MODEL`. */
  readonly model?: OpenAIResponsesModel | undefined;
}
