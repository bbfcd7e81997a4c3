import type { Usage } from "@promptstream/core";
import type { CompletionUsage } from "openai/resources/completions";

/**
 * Maps OpenAI's token counts to the neutral {@link Usage}, where `outputTokens` includes the
 * reasoning tokens, as OpenAI's `completion_tokens` does. Some OpenAI-compatible servers (xAI)
 * count reasoning outside `completion_tokens`, which shows as `total_tokens` being exactly
 * prompt + completion + reasoning: their reasoning is then added to `outputTokens`, so that
 * input + output = total for every server.
 */
export function mapOpenAIUsage(usage: CompletionUsage): Usage {
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  const reasoningOutside =
    reasoningTokens !== undefined &&
    reasoningTokens > 0 &&
    usage.total_tokens === usage.prompt_tokens + usage.completion_tokens + reasoningTokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: reasoningOutside ? usage.completion_tokens + reasoningTokens : usage.completion_tokens,
    totalTokens: usage.total_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
    reasoningTokens,
  };
}
