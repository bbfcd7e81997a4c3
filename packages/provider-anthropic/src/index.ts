/**
 * @module @promptstream/provider-anthropic: typed prompts streamed through the official
 * `@anthropic-ai/sdk` (Messages API).
 */
export type { AnthropicFallback } from "./accumulate-anthropic-message.js";
export { anthropicAdapter } from "./anthropic-adapter.js";
export { ANTHROPIC_MAX_CACHE_BREAKPOINTS } from "./anthropic-cache-control.js";
export type {
  AnthropicCallParams,
  AnthropicCallParams as CallParams,
  AnthropicManagedField,
  AnthropicModel,
  AnthropicNativeParams,
} from "./anthropic-call-params.js";
export type { AnthropicCallResponse as CallResponse } from "./anthropic-call-response.js";
export {
  type AnthropicCallResponse,
  type AnthropicOutputTool,
  createAnthropicCallResponse,
} from "./anthropic-call-response.js";
export type { AnthropicCallResponseChunk as CallResponseChunk } from "./anthropic-call-response-chunk.js";
export { AnthropicCallResponseChunk, type AnthropicDelta } from "./anthropic-call-response-chunk.js";
export { ANTHROPIC_MAX_IMAGE_BYTES } from "./anthropic-media-input.js";
// The provider-neutral names every provider package exports: moving a prompt to another
// provider changes the import line only.
export { AnthropicPrompt, Prompt } from "./anthropic-prompt.js";
export {
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  ANTHROPIC_DEFAULT_MODEL,
  ANTHROPIC_MODEL_ENV,
} from "./map-anthropic-call-params.js";
export { type AnthropicErrorContext, mapAnthropicError } from "./map-anthropic-error.js";
export type { AnthropicClientOption, AnthropicClientOption as ClientOption } from "./resolve-anthropic-client.js";
