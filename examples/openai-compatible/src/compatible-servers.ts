/**
 * @module Presets that point `OpenAIPrompt` at OpenAI-compatible servers: a `client` with their
 * `baseURL` and key, and the `callParams` switches for the two request quirks
 * `@promptstream/provider-openai` handles. Spread one into a prompt's definition:
 *
 * @example
 * class Ask extends OpenAIPrompt({
 *   template: "{question}",
 *   ...compatibleServer({ baseURL: "http://localhost:8000/v1", model: "Qwen/Qwen3-8B", rejectsStreamOptions: true }),
 * }) {}
 *
 * What the presets do NOT do: retry, fall back, or detect a server's quirks. A server that
 * refuses a field answers HTTP 400; the stream then rejects with a `ProviderError` whose `code`
 * is `"invalid_request"` and whose message holds the server's own (when the server sends it as
 * OpenAI does, `{ "error": { "message": ... } }`), and you switch the quirk on.
 *
 * Nothing is needed for the response side: reasoning text streamed as `reasoning_content` (xAI)
 * or `reasoning` arrives in `chunk.reasoning`, never in `chunk.content`, and chunks without
 * `id`/`model` or with an empty `choices` array stream like any other.
 */

/** How a server's requests must differ from OpenAI's. Each switch is off by default: OpenAI's own behaviour. */
export interface CompatibleServerQuirks {
  /**
   * The server answers HTTP 400 to `stream_options` in the body. On: sends `includeUsage: false`,
   * so that no `stream_options` is sent; `usage` is then `undefined` unless the server sends
   * token counts anyway (never made-up zeros).
   */
  readonly rejectsStreamOptions?: boolean;
  /**
   * The server knows `max_tokens` but not `max_completion_tokens` (OpenAI's current name).
   * On: sends `maxTokensField: "max_tokens"`, so that `maxTokens` goes out as `max_tokens`.
   */
  readonly onlyKnowsMaxTokens?: boolean;
}

/** Options of {@link compatibleServer}. */
export interface CompatibleServerOptions extends CompatibleServerQuirks {
  /** The server's OpenAI-compatible root, ending in `/v1` for most, e.g. `"http://localhost:8000/v1"`. */
  readonly baseURL: string;
  /**
   * The key sent as `Authorization: Bearer <apiKey>`. Local servers usually ignore it, but the
   * `openai` SDK refuses to build a client without one: default `"not-needed"`.
   */
  readonly apiKey?: string;
  /** The model id the server serves; it has no default that fits every server. */
  readonly model?: string;
}

/** What {@link compatibleServer} returns: a prompt definition's `client` and `callParams`. */
export interface CompatibleServerSettings {
  readonly client: { readonly baseURL: string; readonly apiKey: string };
  readonly callParams: {
    readonly model?: string;
    readonly includeUsage?: false;
    readonly maxTokensField?: "max_tokens";
  };
}

/**
 * The `client` and `callParams` to reach an OpenAI-compatible server. Only the switches its
 * quirks need are set: the params hold nothing undefined, and a server without quirks gets
 * the same request OpenAI would.
 */
export function compatibleServer(options: CompatibleServerOptions): CompatibleServerSettings {
  return {
    client: { baseURL: options.baseURL, apiKey: options.apiKey ?? "not-needed" },
    callParams: {
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.rejectsStreamOptions === true ? { includeUsage: false as const } : {}),
      ...(options.onlyKnowsMaxTokens === true ? { maxTokensField: "max_tokens" as const } : {}),
    },
  };
}

/**
 * The documented OpenAI-compatible roots of some servers. The local ones are their default
 * ports; change them if yours listens elsewhere.
 */
export const COMPATIBLE_BASE_URLS = {
  /** `vllm serve <model>` */
  vllm: "http://localhost:8000/v1",
  /** LM Studio's local server */
  lmStudio: "http://localhost:1234/v1",
  groq: "https://api.groq.com/openai/v1",
  openRouter: "https://openrouter.ai/api/v1",
  xai: "https://api.x.ai/v1",
} as const;

/**
 * A local vLLM or LM Studio server whose version you do not know. Some versions answer HTTP 400
 * to `stream_options` or to `max_completion_tokens`, so both switches are on. Both are safe on
 * the versions that accept the new fields: they read `max_tokens` too, and the price of not
 * asking for usage is `usage: undefined`.
 */
export function localServer(
  options: Omit<CompatibleServerOptions, keyof CompatibleServerQuirks>,
): CompatibleServerSettings {
  return compatibleServer({ ...options, rejectsStreamOptions: true, onlyKnowsMaxTokens: true });
}
