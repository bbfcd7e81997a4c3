import { definePrompt } from "@promptstream/core";
import { anthropicAdapter } from "./anthropic-adapter.js";

/**
 * Defines a prompt class for Anthropic. Extend what it returns to name your prompt; construct
 * it with the template's variables; `stream()` or `call()` it.
 *
 * @example
 * class RecipeRecommender extends AnthropicPrompt({
 *   template: "Recommend recipes that use {ingredient} as an ingredient",
 *   variables: z.object({ ingredient: z.string() }),
 *   callParams: { model: "claude-haiku-4-5", maxTokens: 1024 },
 * }) {}
 *
 * for await (const chunk of new RecipeRecommender({ ingredient: "apples" }).stream()) {
 *   process.stdout.write(chunk.content);
 * }
 */
export const AnthropicPrompt = definePrompt(anthropicAdapter);
