/**
 * @module @promptstream/provider-openai/responses: typed prompts streamed through the official
 * `openai` SDK's Responses API (`POST /v1/responses`), with the same neutral surface as the Chat
 * Completions adapter: switching API changes the import line only.
 */

export { OPENAI_DEFAULT_MODEL, OPENAI_MODEL_ENV } from "../map-openai-call-params.js";
export type { OpenAIClientOption, OpenAIClientOption as ClientOption } from "../resolve-openai-client.js";
export { openaiResponsesAdapter } from "./openai-responses-adapter.js";
export type {
  OpenAIResponsesCallParams,
  OpenAIResponsesCallParams as CallParams,
  OpenAIResponsesManagedField,
  OpenAIResponsesModel,
  OpenAIResponsesNativeParams,
} from "./openai-responses-call-params.js";
export type {
  OpenAIResponsesChunk as CallResponseChunk,
  OpenAIResponsesChunkFields,
} from "./openai-responses-chunk.js";
export { OpenAIResponsesChunk } from "./openai-responses-chunk.js";
export { OpenAIResponsesPrompt, Prompt } from "./openai-responses-prompt.js";
export type {
  OpenAIResponsesCallResponse,
  OpenAIResponsesCallResponse as CallResponse,
} from "./openai-responses-response.js";
