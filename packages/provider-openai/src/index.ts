/**
 * @module @promptstream/provider-openai: typed prompts streamed through the official
 * `openai` SDK (Chat Completions), and OpenAI-compatible servers through `baseURL`.
 */

export { OPENAI_DEFAULT_MODEL, OPENAI_MODEL_ENV } from "./map-openai-call-params.js";
export { mapOpenAIError, type OpenAIErrorContext } from "./map-openai-error.js";
export { openaiAdapter } from "./openai-adapter.js";
export type {
  OpenAICallParams,
  OpenAICallParams as CallParams,
  OpenAIChatModel,
  OpenAIManagedField,
  OpenAINativeParams,
} from "./openai-call-params.js";
export type { OpenAICallResponse as CallResponse } from "./openai-call-response.js";
export { createOpenAICallResponse, type OpenAICallResponse } from "./openai-call-response.js";
export type { OpenAICallResponseChunk as CallResponseChunk } from "./openai-call-response-chunk.js";
export { OpenAICallResponseChunk } from "./openai-call-response-chunk.js";
// The provider-neutral names every provider package exports: moving a prompt to another
// provider changes the import line only.
export { OpenAIPrompt, Prompt } from "./openai-prompt.js";
export type { OpenAIClientOption, OpenAIClientOption as ClientOption } from "./resolve-openai-client.js";
