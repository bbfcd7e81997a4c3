import type { GoogleGenAI, GoogleGenAIOptions } from "@google/genai";
import { createClientResolver, ProviderError, readEnv } from "@promptstream/core";

/**
 * The options to create a `GoogleGenAI` client, as the SDK takes them (`apiKey`, `vertexai`,
 * `project`, `location`, `httpOptions`, ...), plus `baseURL`: the name the other promptstream
 * adapters use, sent as `httpOptions.baseUrl`.
 */
export interface GoogleClientOptions extends GoogleGenAIOptions {
  /** The API's base URL (e.g. a proxy or a local server); `httpOptions.baseUrl` wins when both are set. */
  readonly baseURL?: string | undefined;
}

/** A `GoogleGenAI` client, or the options to create one (e.g. `{ apiKey }` or `{ baseURL, apiKey }`). */
export type GoogleClientOption = GoogleGenAI | GoogleClientOptions;

/**
 * The SDK's client class, loaded by the first request that needs to build a client rather than
 * when this package is imported: the SDK is one large module, and a process that imports
 * promptstream but never calls Gemini, or passes a client it built itself, should not pay for it.
 */
let GoogleGenAIClient: typeof GoogleGenAI | undefined;
let loadingClient: Promise<typeof GoogleGenAI> | undefined;

function loadGoogleClient(): Promise<typeof GoogleGenAI> {
  loadingClient ??= import("@google/genai").then((module) => (GoogleGenAIClient = module.GoogleGenAI));
  return loadingClient;
}

const isGoogleClient = (option: GoogleClientOption): option is GoogleGenAI =>
  typeof (option as GoogleGenAI).models?.generateContentStream === "function";

const resolveLoaded = createClientResolver<GoogleGenAI, GoogleClientOptions>({
  create: (options = {}) => {
    const { baseURL, ...sdkOptions } = options;
    refuseMissingKey(sdkOptions);
    const httpOptions = { ...sdkOptions.httpOptions };
    if (baseURL !== undefined && httpOptions.baseUrl === undefined) httpOptions.baseUrl = baseURL;
    const Client = GoogleGenAIClient as typeof GoogleGenAI;
    return new Client({ ...sdkOptions, httpOptions });
  },
  isClient: isGoogleClient,
});

/**
 * The client to send a request with. Options objects are turned into clients once and reused;
 * without an option, one client built from the environment serves every call (the SDK reads
 * `GOOGLE_API_KEY`, else `GEMINI_API_KEY`; `GOOGLE_GENAI_USE_VERTEXAI`, `GOOGLE_CLOUD_PROJECT` and
 * `GOOGLE_CLOUD_LOCATION` for Vertex AI; `GOOGLE_GEMINI_BASE_URL`). The SDK's own retries are
 * turned off per request (see the adapter), so that core's retry policy is the only one.
 */
export async function resolveGoogleClient(option: GoogleClientOption | undefined): Promise<GoogleGenAI> {
  if (GoogleGenAIClient === undefined && (option === undefined || !isGoogleClient(option))) await loadGoogleClient();
  return resolveLoaded(option);
}

/** The key a client sends (the SDK keeps it on the instance), to redact it from errors. */
export function apiKeyOf(client: GoogleGenAI | undefined): string | undefined {
  const key = (client as { apiKey?: unknown } | undefined)?.apiKey;
  return typeof key === "string" ? key : undefined;
}

/**
 * The SDK only warns when the Gemini API has no key, and the request then fails with an unclear
 * 403: say what to set instead. Vertex AI authenticates otherwise (Google Cloud credentials).
 */
function refuseMissingKey(options: GoogleGenAIOptions): void {
  const vertex =
    options.vertexai ??
    options.enterprise ??
    (readEnv("GOOGLE_GENAI_USE_VERTEXAI")?.toLowerCase() === "true" ||
      readEnv("GOOGLE_GENAI_USE_ENTERPRISE")?.toLowerCase() === "true");
  if (vertex || options.apiKey !== undefined || readEnv("GOOGLE_API_KEY") || readEnv("GEMINI_API_KEY")) return;
  throw ProviderError.create(
    "No Gemini API key: set the GEMINI_API_KEY (or GOOGLE_API_KEY) environment variable, or pass a client: " +
      "GooglePrompt({ ..., client: { apiKey } }) or a `new GoogleGenAI({ apiKey })` instance.",
    { code: "authentication", provider: "google", retryable: false },
  );
}
