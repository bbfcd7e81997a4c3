import { createClientResolver } from "@promptstream/core";
import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";

/** An `Anthropic` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type AnthropicClientOption = Anthropic | ClientOptions;

/**
 * The client to send a request with. Options objects are turned into clients once and
 * reused; without an option, one client built from the environment (`ANTHROPIC_API_KEY`,
 * `ANTHROPIC_BASE_URL`) serves every call.
 */
export const resolveAnthropicClient = createClientResolver<Anthropic, ClientOptions>({
  // Core retries (before the first chunk only): the SDK's own retries are off, so that there is one retry policy.
  create: (options) => new Anthropic({ ...options, maxRetries: 0 }),
  adopt: (client) => client.withOptions({ maxRetries: 0 }),
  isClient: (option): option is Anthropic => typeof (option as Anthropic).messages?.create === "function",
});
