import { definePrompt, type SwappablePromptFactory } from "@promptstream/core";
import type { OpenAIClientOption } from "../resolve-openai-client.js";
import { openaiResponsesAdapter } from "./openai-responses-adapter.js";
import type { OpenAIResponsesCallParams } from "./openai-responses-call-params.js";
import type { OpenAIResponsesChunk } from "./openai-responses-chunk.js";
import type { OpenAIResponsesCallResponse } from "./openai-responses-response.js";

/**
 * Defines a prompt class for OpenAI's Responses API. Extend what it returns to name your
 * prompt; construct it with the template's variables; `stream()` or `call()` it.
 *
 * @example
 * class RecipeRecommender extends OpenAIResponsesPrompt({
 *   template: "Recommend recipes that use {ingredient} as an ingredient",
 *   variables: z.object({ ingredient: z.string() }),
 *   callParams: { model: "gpt-5-mini", reasoning: { effort: "low" } },
 * }) {}
 *
 * for await (const chunk of new RecipeRecommender({ ingredient: "apples" }).stream()) {
 *   process.stdout.write(chunk.content);
 * }
 */
export const OpenAIResponsesPrompt = definePrompt(openaiResponsesAdapter);

/**
 * {@link OpenAIResponsesPrompt} under the provider-neutral name every provider package exports:
 * moving a prompt from Chat Completions (`@promptstream/provider-openai`) to the Responses API
 * (`@promptstream/provider-openai/responses`) changes its import line only.
 *
 * @alias
 */
export const Prompt: SwappablePromptFactory<
  OpenAIResponsesCallParams,
  OpenAIResponsesChunk,
  OpenAIResponsesCallResponse,
  OpenAIClientOption
> = OpenAIResponsesPrompt;
