/** How to record and replay one provider's API: where it lives and which variables its SDK reads. */
export interface CassetteProvider {
  /** A name for messages and the cassette file, e.g. `"openai"`. */
  readonly name: string;
  /** The real API's base URL, as its SDK takes it, e.g. `"https://api.openai.com/v1"`. */
  readonly upstream: string;
  /** The variable the SDK reads its base URL from: set to the replaying server so that unmodified code replays. */
  readonly baseUrlVariable: string;
  /** The variables the SDK reads its key from; the first is the one to set. Their values are scrubbed from cassettes. */
  readonly keyVariables: readonly string[];
}

/** The providers promptstream ships, by name. */
export const CASSETTE_PROVIDERS = {
  openai: {
    name: "openai",
    upstream: "https://api.openai.com/v1",
    baseUrlVariable: "OPENAI_BASE_URL",
    keyVariables: ["OPENAI_API_KEY"],
  },
  anthropic: {
    name: "anthropic",
    upstream: "https://api.anthropic.com",
    baseUrlVariable: "ANTHROPIC_BASE_URL",
    // ANTHROPIC_AUTH_TOKEN is the SDK's bearer-token alternative to the key.
    keyVariables: ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
  },
  google: {
    name: "google",
    upstream: "https://generativelanguage.googleapis.com",
    baseUrlVariable: "GOOGLE_GEMINI_BASE_URL",
    keyVariables: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
  },
} as const satisfies Record<string, CassetteProvider>;

/** A built-in provider's name, or a provider described in full (an OpenAI-compatible server, a gateway). */
export type CassetteProviderOption = keyof typeof CASSETTE_PROVIDERS | CassetteProvider;

export function resolveCassetteProvider(option: CassetteProviderOption): CassetteProvider {
  return typeof option === "string" ? CASSETTE_PROVIDERS[option] : option;
}
