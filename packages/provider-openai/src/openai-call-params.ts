import type { CallParams } from "@promptstream/core";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";

/** The chat models OpenAI documents; any other model id is accepted too. */
export type OpenAIChatModel = ChatCompletionCreateParamsBase["model"];

/** OpenAI request fields that promptstream sets itself, or exposes under a neutral name: not in {@link OpenAINativeParams}. */
export type OpenAIManagedField =
  | "messages"
  | "model"
  | "stream"
  | "stream_options"
  | "n"
  | "temperature"
  | "max_tokens"
  | "max_completion_tokens"
  | "top_p"
  | "stop"
  | "seed"
  | "presence_penalty"
  | "frequency_penalty";

/**
 * OpenAI's own request fields, under their API names (`response_format`, `tools`,
 * `reasoning_effort`, `logit_bias`, `user`...), typed by the installed `openai` SDK.
 */
export type OpenAINativeParams = Omit<ChatCompletionCreateParamsBase, OpenAIManagedField>;

/**
 * Call params for OpenAI: the neutral {@link CallParams} (camelCase), OpenAI's own fields
 * (snake_case, as in its API), and two switches for OpenAI-compatible servers.
 *
 * @example
 * { model: "gpt-4o-mini", temperature: 0.2, maxTokens: 500, response_format: { type: "json_object" } }
 */
export interface OpenAICallParams extends CallParams, OpenAINativeParams {
  readonly model?: OpenAIChatModel | undefined;
  /**
   * Ask for token usage at the end of a stream (`stream_options.include_usage`).
   * Default `true`; set `false` for endpoints that reject `stream_options`.
   */
  readonly includeUsage?: boolean | undefined;
  /**
   * The request field `maxTokens` is sent as. Default `"max_completion_tokens"`, the current
   * name, which reasoning models require; use `"max_tokens"` for OpenAI-compatible servers
   * that only know the deprecated one.
   */
  readonly maxTokensField?: "max_completion_tokens" | "max_tokens" | undefined;
}
