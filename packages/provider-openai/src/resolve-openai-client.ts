import { createClientResolver } from "@promptstream/core";
import OpenAI, { type ClientOptions } from "openai";
import { fetchKeepingErrorBodies } from "./keep-error-bodies.js";

/** An `OpenAI` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type OpenAIClientOption = OpenAI | ClientOptions;

/**
 * The client to send a request with. Options objects are turned into clients once and
 * reused; without an option, one client built from the environment (`OPENAI_API_KEY`,
 * `OPENAI_BASE_URL`) serves every call. A client the user built is used through a copy
 * without the SDK's retries.
 */
export const resolveOpenAIClient = createClientResolver<OpenAI, ClientOptions>({
  // Core retries (before the first chunk only): the SDK's own retries are off, so that there is
  // one retry policy. Clients built here keep error bodies readable, for servers whose errors
  // are not OpenAI-shaped.
  create: (options) => new OpenAI({ ...options, maxRetries: 0, fetch: fetchKeepingErrorBodies(options?.fetch ?? fetch) }),
  adopt: (client) => client.withOptions({ maxRetries: 0 }),
  isClient: (option): option is OpenAI => typeof (option as OpenAI).chat?.completions?.create === "function",
});
