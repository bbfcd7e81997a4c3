import { createClientResolver, redactingLogger } from "@promptstream/core";
import OpenAI, { type ClientOptions } from "openai";
import { fetchKeepingErrorBodies } from "./keep-error-bodies.js";

/** An `OpenAI` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type OpenAIClientOption = OpenAI | ClientOptions;

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
export const resolveOpenAIClient = createClientResolver<OpenAI, ClientOptions>({
  create: (options) => {
    // `let`: the SDK may log while its constructor runs, before `client` is assigned.
    let client: OpenAI | undefined;
    client = new OpenAI({
      ...options,
      maxRetries: 0,
      fetch: fetchKeepingErrorBodies(options?.fetch ?? fetch),
      logger: redactingLogger(options?.logger ?? console, () => [client?.apiKey]),
    });
    return client;
  },
  isClient: (option): option is OpenAI => typeof (option as OpenAI).chat?.completions?.create === "function",
  adopt: (client) => client.withOptions({ maxRetries: 0, logger: redactingLogger(client.logger, () => [client.apiKey]) }),
});
