import type { Usage } from "@promptstream/core";
import type { CompletionUsage } from "openai/resources/completions";

/** Maps OpenAI's token counts to the neutral {@link Usage}. */
export function mapOpenAIUsage(usage: CompletionUsage): Usage {
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
  };
}
