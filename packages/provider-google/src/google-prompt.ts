import { definePrompt, type SwappablePromptFactory } from "@promptstream/core";
import { googleAdapter } from "./google-adapter.js";
import type { GoogleCallParams } from "./google-call-params.js";
import type { GoogleCallResponse } from "./google-call-response.js";
import type { GoogleCallResponseChunk } from "./google-call-response-chunk.js";
import type { GoogleClientOption } from "./resolve-google-client.js";

/**
 * Defines a prompt class for Gemini. Extend what it returns to name your prompt; construct it
 * with the template's variables; `stream()` or `call()` it.
 *
 * @example
 * class RecipeRecommender extends GooglePrompt({
 *   template: "Recommend recipes that use {ingredient} as an ingredient",
 *   variables: z.object({ ingredient: z.string() }),
 *   callParams: { model: "gemini-2.5-flash", maxTokens: 1024 },
 * }) {}
 *
 * for await (const chunk of new RecipeRecommender({ ingredient: "apples" }).stream()) {
 *   process.stdout.write(chunk.content);
 * }
 */
export const GooglePrompt = definePrompt(googleAdapter);

/**
 * {@link GooglePrompt} under the provider-neutral name every provider package exports: moving a
 * prompt to another provider changes its import line only. Typed as a `SwappablePromptFactory`,
 * so that when the import is chosen at run time the class still has the neutral surface.
 *
 * @alias
 */
export const Prompt: SwappablePromptFactory<
  GoogleCallParams,
  GoogleCallResponseChunk,
  GoogleCallResponse,
  GoogleClientOption
> = GooglePrompt;
