import type { Usage } from "@promptstream/core";

/** Anthropic's token counts, as `message_start`, `message_delta` and whole messages carry them. */
export interface AnthropicUsageCounts {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

/**
 * Combines the usage of `message_start` with a later `message_delta`: a count the delta
 * reports wins (input tokens can be revised there), one it leaves out or nulls is kept.
 */
export function combineAnthropicUsage(
  start: AnthropicUsageCounts | undefined,
  delta: AnthropicUsageCounts,
): AnthropicUsageCounts {
  if (start === undefined) return delta;
  return {
    input_tokens: delta.input_tokens ?? start.input_tokens,
    output_tokens: delta.output_tokens ?? start.output_tokens,
    cache_creation_input_tokens: delta.cache_creation_input_tokens ?? start.cache_creation_input_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? start.cache_read_input_tokens,
    output_tokens_details: delta.output_tokens_details ?? start.output_tokens_details,
  };
}

/**
 * Maps Anthropic's counts to the neutral {@link Usage}. Anthropic's `input_tokens` leaves out
 * the tokens read from or written to the prompt cache; the neutral `inputTokens` counts them,
 * as OpenAI's `prompt_tokens` does, so that the same prompt gives comparable figures.
 * `cache_read_input_tokens` becomes `cachedInputTokens`, `cache_creation_input_tokens`
 * `cacheCreationInputTokens`, and `output_tokens_details.thinking_tokens` `reasoningTokens`.
 */
export function mapAnthropicUsage(usage: AnthropicUsageCounts): Usage {
  const uncached = usage.input_tokens ?? undefined;
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage.cache_creation_input_tokens ?? undefined;
  const inputTokens = uncached === undefined ? undefined : uncached + (cacheRead ?? 0) + (cacheWrite ?? 0);
  const outputTokens = usage.output_tokens ?? undefined;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens === undefined || outputTokens === undefined ? undefined : inputTokens + outputTokens,
    cachedInputTokens: cacheRead,
    cacheCreationInputTokens: cacheWrite,
    reasoningTokens: usage.output_tokens_details?.thinking_tokens ?? undefined,
  };
}
