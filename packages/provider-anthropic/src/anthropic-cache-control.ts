import type { CacheControlEphemeral } from "@anthropic-ai/sdk/resources/messages/messages";
import { type AdapterV1Message, type CacheHint, CallParamsError } from "@promptstream/core";

/** The most cache breakpoints (`cache_control` markers) one Messages API request may hold. */
export const ANTHROPIC_MAX_CACHE_BREAKPOINTS = 4;

/** The `cache_control` a neutral cache hint becomes; the TTL only when one was asked for (the API's default is 5m). */
export function toAnthropicCacheControl(hint: CacheHint): CacheControlEphemeral {
  return hint.ttl === undefined ? { type: "ephemeral" } : { type: "ephemeral", ttl: hint.ttl };
}

/**
 * Refuses a request with more cache breakpoints than Anthropic takes, before it is sent: the
 * messages' `cache` hints, plus the native top-level `cache_control` (which places one more).
 */
export function refuseTooManyCacheBreakpoints(
  messages: readonly AdapterV1Message[],
  topLevelCacheControl: unknown,
): void {
  let count = topLevelCacheControl == null ? 0 : 1;
  for (const message of messages) if (message.cache !== undefined) count++;
  if (count <= ANTHROPIC_MAX_CACHE_BREAKPOINTS) return;
  const native = topLevelCacheControl == null ? "" : " (the call params' `cache_control` counts as one)";
  throw new CallParamsError(
    `anthropic: the request has ${count} cache breakpoints${native}, and Anthropic takes at most ` +
      `${ANTHROPIC_MAX_CACHE_BREAKPOINTS}. Keep the \`cache\` hint (a \`CACHE\` line) on the last message of each ` +
      "prefix worth caching only: a breakpoint also caches everything before it.",
    { code: "invalid_param", param: "cache", provider: "anthropic" },
  );
}
