import { createClientResolver, redactingLogger } from "@promptstream/core";
import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";

/** An `Anthropic` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type AnthropicClientOption = Anthropic | ClientOptions;

/**
 * The client to send a request with. Options objects are turned into clients once and
 * reused; without an option, one client built from the environment (`ANTHROPIC_API_KEY`,
 * `ANTHROPIC_BASE_URL`) serves every call. A client the user built is used through a copy.
 *
 * Every client promptstream uses has the SDK's own retries off (core retries, before the
 * first chunk only, so that there is one retry policy) and a logger that keeps the key out of
 * what the SDK logs (it logs error bodies and malformed events as received).
 */
export const resolveAnthropicClient = createClientResolver<Anthropic, ClientOptions>({
  create: (options) => {
    // `let`: the SDK may log while its constructor runs, before `client` is assigned.
    let client: Anthropic | undefined;
    client = new Anthropic({
      ...options,
      maxRetries: 0,
      logger: redactingLogger(options?.logger ?? console, () => [client?.apiKey, client?.authToken]),
    });
    return client;
  },
  isClient: (option): option is Anthropic => typeof (option as Anthropic).messages?.create === "function",
  adopt: (client) =>
    client.withOptions({ maxRetries: 0, logger: redactingLogger(client.logger, () => [client.apiKey, client.authToken]) }),
});
