import { definePrompt, type SwappablePromptFactory } from "@promptstream/core";
import { anthropicAdapter } from "./anthropic-adapter.js";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import type { AnthropicCallResponse } from "./anthropic-call-response.js";
import type { AnthropicCallResponseChunk } from "./anthropic-call-response-chunk.js";
import type { AnthropicClientOption } from "./resolve-anthropic-client.js";

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

/**
 * {@link AnthropicPrompt} under the provider-neutral name every provider package exports: moving a
 * prompt to another provider changes its import line only. Typed as a `SwappablePromptFactory`,
 * so that when the import is chosen at run time the class still has the neutral surface.
 *
 * @alias
 */
export const Prompt: SwappablePromptFactory<
  AnthropicCallParams,
  AnthropicCallResponseChunk,
  AnthropicCallResponse,
  AnthropicClientOption
> = AnthropicPrompt;
