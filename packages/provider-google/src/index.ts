/**
 * @module @promptstream/provider-google: typed prompts streamed through Google's official
 * `@google/genai` SDK (the Gemini API, or Vertex AI).
 */
export { googleAdapter } from "./google-adapter.js";
export type {
  GoogleCallParams,
  GoogleCallParams as CallParams,
  GoogleManagedField,
  GoogleModel,
  GoogleNativeParams,
} from "./google-call-params.js";
export type { GoogleCallResponse as CallResponse } from "./google-call-response.js";
export { createGoogleCallResponse, type GoogleCallResponse } from "./google-call-response.js";
export type { GoogleCallResponseChunk as CallResponseChunk } from "./google-call-response-chunk.js";
export { GoogleCallResponseChunk, type GoogleChunkFields } from "./google-call-response-chunk.js";
// The provider-neutral names every provider package exports: moving a prompt to another
// provider changes the import line only.
export { GooglePrompt, Prompt } from "./google-prompt.js";
export { PLACEHOLDER_THOUGHT_SIGNATURE } from "./google-thought-signatures.js";
export { GOOGLE_DEFAULT_MODEL, GOOGLE_MODEL_ENV } from "./map-google-call-params.js";
export { type GoogleErrorContext, mapGoogleError } from "./map-google-error.js";
export { GOOGLE_EFFORT_BUDGETS } from "./map-google-reasoning.js";
export type {
  GoogleClientOption,
  GoogleClientOption as ClientOption,
  GoogleClientOptions,
} from "./resolve-google-client.js";
