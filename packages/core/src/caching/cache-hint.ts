/**
 * A prompt-cache breakpoint on a message: the provider may cache the request up to and including
 * this message, and read it from its cache on the next request with the same prefix. In templates,
 * a line `CACHE` (or `CACHE 1h`) at the end of a section sets it on that section's message.
 *
 * Anthropic: `cache_control: { type: "ephemeral", ttl }` on the message's last block. OpenAI and
 * Gemini cache long prefixes automatically: there it is accepted and sends nothing.
 */
export interface CacheHint {
  /** How long the provider keeps the entry, where it lets you choose; its default (5 minutes) otherwise. */
  readonly ttl?: "5m" | "1h" | undefined;
}

/** Whether a value is a well-formed {@link CacheHint}. */
export function isCacheHint(value: unknown): value is CacheHint {
  if (typeof value !== "object" || value === null) return false;
  const { ttl } = value as { readonly ttl?: unknown };
  return ttl === undefined || ttl === "5m" || ttl === "1h";
}
