import { definePrompt, type SwappablePromptFactory } from "@promptstream/core";
import { openaiAdapter } from "./openai-adapter.js";
import type { OpenAICallParams } from "./openai-call-params.js";
import type { OpenAICallResponse } from "./openai-call-response.js";
import type { OpenAICallResponseChunk } from "./openai-call-response-chunk.js";
import type { OpenAIClientOption } from "./resolve-openai-client.js";

/**
 * Defines a prompt class for OpenAI. Extend what it returns to name your prompt; construct
 * it with the template's variables; `stream()` or `call()` it.
 *
 * @example
 * class RecipeRecommender extends OpenAIPrompt({
 *   template: "Recommend recipes that use {ingredient} as an ingredient",
 *   variables: z.object({ ingredient: z.string() }),
 *   callParams: { model: "gpt-4o-mini" },
 * }) {}
 *
 * for await (const chunk of new RecipeRecommender({ ingredient: "apples" }).stream()) {
 *   process.stdout.write(chunk.content);
 * }
 */
export const OpenAIPrompt = definePrompt(openaiAdapter);

/**
 * {@link OpenAIPrompt} under the provider-neutral name every provider package exports: moving a
 * prompt to another provider changes its import line only. Typed as a `SwappablePromptFactory`,
 * so that when the import is chosen at run time the class still has the neutral surface.
 *
 * @alias
 */
export const Prompt: SwappablePromptFactory<
  OpenAICallParams,
  OpenAICallResponseChunk,
  OpenAICallResponse,
  OpenAIClientOption
> = OpenAIPrompt;
