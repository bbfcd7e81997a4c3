import OpenAI, { type ClientOptions } from "openai";

/** An `OpenAI` client, or the options to create one (e.g. `{ baseURL, apiKey }`). */
export type OpenAIClientOption = OpenAI | ClientOptions;

const clientsByOptions = new WeakMap<ClientOptions, OpenAI>();
let defaultClient: OpenAI | undefined;

/**
 * The client to send a request with. Options objects are turned into clients once and
 * reused, so that their connections are pooled. Without an option, one client built from
 * the environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`) serves every call.
 */
export function resolveOpenAIClient(option: OpenAIClientOption | undefined): OpenAI {
  if (option === undefined) return (defaultClient ??= new OpenAI());
  if (isClient(option)) return option;
  let client = clientsByOptions.get(option);
  if (client === undefined) {
    client = new OpenAI(option);
    clientsByOptions.set(option, client);
  }
  return client;
}

// Duck-typed rather than `instanceof`, which fails when two copies of `openai` are installed.
function isClient(option: OpenAIClientOption): option is OpenAI {
  return typeof (option as OpenAI).chat?.completions?.create === "function";
}
