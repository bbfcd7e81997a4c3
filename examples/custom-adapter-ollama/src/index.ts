/**
 * @module A promptstream adapter for Ollama's native `/api/chat`, written against the public
 * adapter contract of `@promptstream/core` only.
 */
import { definePrompt } from "@promptstream/core";
import { ollamaAdapter } from "./ollama-adapter.js";

/**
 * Defines a prompt class for Ollama. Extend what it returns to name your prompt.
 *
 * @example
 * class RecipeRecommender extends OllamaPrompt({
 *   template: "Recommend recipes that use {ingredient} as an ingredient",
 *   callParams: { model: "llama3.2" },
 * }) {}
 */
export const OllamaPrompt = definePrompt(ollamaAdapter);

export type { OllamaClientOptions as ClientOption } from "./ollama-adapter.js";
export { OLLAMA_DEFAULT_BASE_URL, type OllamaClientOptions, ollamaAdapter } from "./ollama-adapter.js";
export type { OllamaCallResponse as CallResponse } from "./ollama-call-response.js";
export { createOllamaCallResponse, type OllamaCallResponse } from "./ollama-call-response.js";
export type { OllamaCallResponseChunk as CallResponseChunk } from "./ollama-call-response-chunk.js";
export { OllamaCallResponseChunk } from "./ollama-call-response-chunk.js";
export type { OllamaCallParams as CallParams } from "./ollama-wire.js";
export {
  OLLAMA_DEFAULT_MODEL,
  OLLAMA_MODEL_ENV,
  type OllamaCallParams,
  type OllamaChatLine,
  type OllamaToolCall,
} from "./ollama-wire.js";
// The neutral names every provider package exports, so that a prompt moves here by its import line.
export { OllamaPrompt as Prompt };
