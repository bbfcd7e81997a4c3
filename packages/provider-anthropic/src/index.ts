/**
 * @module @promptstream/provider-anthropic: typed prompts streamed through the official
 * `@anthropic-ai/sdk` (Messages API).
 */
export type { AnthropicFallback } from "./accumulate-anthropic-message.js";
export { anthropicAdapter } from "./anthropic-adapter.js";
export type { AnthropicCallParams, AnthropicModel, AnthropicNativeParams } from "./anthropic-call-params.js";
export { type AnthropicCallResponse, createAnthropicCallResponse } from "./anthropic-call-response.js";
export { type AnthropicDelta, AnthropicCallResponseChunk } from "./anthropic-call-response-chunk.js";
export { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_DEFAULT_MODEL, ANTHROPIC_MODEL_ENV } from "./map-anthropic-call-params.js";
export { type AnthropicErrorContext, mapAnthropicError } from "./map-anthropic-error.js";
export { AnthropicPrompt } from "./anthropic-prompt.js";
export type { AnthropicClientOption } from "./resolve-anthropic-client.js";

// The provider-neutral names every provider package exports: moving a prompt to another
// provider changes the import line only.
export { AnthropicPrompt as Prompt } from "./anthropic-prompt.js";
export type { AnthropicCallParams as CallParams } from "./anthropic-call-params.js";
export type { AnthropicCallResponse as CallResponse } from "./anthropic-call-response.js";
export type { AnthropicCallResponseChunk as CallResponseChunk } from "./anthropic-call-response-chunk.js";
export type { AnthropicClientOption as ClientOption } from "./resolve-anthropic-client.js";
