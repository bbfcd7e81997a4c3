import { definePrompt } from "@promptstream/core";
import { openaiAdapter } from "./openai-adapter.js";

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
