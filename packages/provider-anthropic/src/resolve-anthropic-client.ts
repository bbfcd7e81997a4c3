import type { Anthropic, ClientOptions } from "@anthropic-ai/sdk/client";
import { createClientResolver, redactingLogger } from "@promptstream/core";

/** An `Anthropic` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type AnthropicClientOption = Anthropic | ClientOptions;

/**
 * The SDK's client class, loaded by the first request that needs to build a client rather
 * than when this package is imported: the client module loads every API resource of the SDK
 * (most of its import time), and a process that imports promptstream but never calls it, or
 * calls it with a client it built itself, should not pay for that.
 */
let AnthropicClient: typeof Anthropic | undefined;
let loadingClient: Promise<typeof Anthropic> | undefined;

function loadAnthropicClient(): Promise<typeof Anthropic> {
  loadingClient ??= import("@anthropic-ai/sdk/client").then((module) => (AnthropicClient = module.Anthropic));
  return loadingClient;
}

const isAnthropicClient = (option: AnthropicClientOption): option is Anthropic =>
  typeof (option as Anthropic).messages?.create === "function";

const resolveLoaded = createClientResolver<Anthropic, ClientOptions>({
  create: (options) => {
    const Client = AnthropicClient as typeof Anthropic;
    // `let`: the SDK may log while its constructor runs, before `client` is assigned.
    let client: Anthropic | undefined;
    client = new Client({
      ...options,
      maxRetries: 0,
      logger: redactingLogger(options?.logger ?? console, () => [client?.apiKey, client?.authToken]),
    });
    return client;
  },
  isClient: isAnthropicClient,
  adopt: (client) =>
    client.withOptions({
      maxRetries: 0,
      logger: redactingLogger(client.logger, () => [client.apiKey, client.authToken]),
    }),
});

/**
 * The client to send a request with. Options objects are turned into clients once and
 * reused; without an option, one client built from the environment (`ANTHROPIC_API_KEY`,
 * `ANTHROPIC_BASE_URL`) serves every call. A client the user built is used through a copy.
 *
 * Every client promptstream uses has the SDK's own retries off (core retries, before the
 * first chunk only, so that there is one retry policy) and a logger that keeps the key out of
 * what the SDK logs (it logs error bodies and malformed events as received).
 */
export async function resolveAnthropicClient(option: AnthropicClientOption | undefined): Promise<Anthropic> {
  if (AnthropicClient === undefined && (option === undefined || !isAnthropicClient(option)))
    await loadAnthropicClient();
  return resolveLoaded(option);
}
