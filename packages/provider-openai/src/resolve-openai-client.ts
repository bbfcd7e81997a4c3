import { createClientResolver, redactingLogger } from "@promptstream/core";
import type { ClientOptions, OpenAI } from "openai/client";
import { fetchKeepingErrorBodies } from "./keep-error-bodies.js";

/** An `OpenAI` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type OpenAIClientOption = OpenAI | ClientOptions;

/**
 * The SDK's client class, loaded by the first request that needs to build a client rather
 * than when this package is imported: the client module loads every API resource of the SDK
 * (most of its import time), and a process that imports promptstream but never calls it, or
 * calls it with a client it built itself, should not pay for that.
 */
let OpenAIClient: typeof OpenAI | undefined;
let loadingClient: Promise<typeof OpenAI> | undefined;

function loadOpenAIClient(): Promise<typeof OpenAI> {
  loadingClient ??= import("openai/client").then((module) => (OpenAIClient = module.OpenAI));
  return loadingClient;
}

const isOpenAIClient = (option: OpenAIClientOption): option is OpenAI =>
  typeof (option as OpenAI).chat?.completions?.create === "function";

const resolveLoaded = createClientResolver<OpenAI, ClientOptions>({
  create: (options) => {
    const Client = OpenAIClient as typeof OpenAI;
    // `let`: the SDK may log while its constructor runs, before `client` is assigned.
    let client: OpenAI | undefined;
    client = new Client({
      ...options,
      maxRetries: 0,
      fetch: fetchKeepingErrorBodies(options?.fetch ?? fetch),
      logger: redactingLogger(options?.logger ?? console, () => [client?.apiKey]),
    });
    return client;
  },
  isClient: isOpenAIClient,
  adopt: (client) =>
    client.withOptions({ maxRetries: 0, logger: redactingLogger(client.logger, () => [client.apiKey]) }),
});

/**
 * The client to send a request with. Options objects are turned into clients once and
 * reused; without an option, one client built from the environment (`OPENAI_API_KEY`,
 * `OPENAI_BASE_URL`) serves every call. A client the user built is used through a copy.
 *
 * Every client promptstream uses has the SDK's own retries off (core retries, before the
 * first chunk only, so that there is one retry policy) and a logger that keeps the key out of
 * what the SDK logs (it logs error bodies and malformed chunks as received). Clients built
 * here also keep error bodies readable, for servers whose errors are not OpenAI-shaped.
 */
export async function resolveOpenAIClient(option: OpenAIClientOption | undefined): Promise<OpenAI> {
  if (OpenAIClient === undefined && (option === undefined || !isOpenAIClient(option))) await loadOpenAIClient();
  return resolveLoaded(option);
}
