import type { Usage } from "@promptstream/core";
import type { ResponseUsage } from "openai/resources/responses/responses";

/**
 * Maps the Responses API's token counts to the neutral {@link Usage}; `output_tokens` already
 * includes the reasoning tokens. Proxies may leave out the details objects.
 */
export function mapOpenAIResponsesUsage(usage: ResponseUsage): Usage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
  };
}
