import type { GenerateContentResponseUsageMetadata } from "@google/genai";
import type { Usage } from "@promptstream/core";

/**
 * Maps Gemini's `usageMetadata` to the neutral {@link Usage}; `undefined` when it holds no count
 * (Gemini 3 streams send `usageMetadata` with only `trafficType` until the last chunk).
 *
 * Gemini's `candidatesTokenCount` leaves out the thinking tokens (`thoughtsTokenCount`), which
 * are billed as output: the neutral `outputTokens` counts them, as OpenAI's `completion_tokens`
 * does, and `reasoningTokens` says how many of them were thinking. `totalTokenCount` is Gemini's
 * own (it also counts tool-use prompt tokens).
 */
export function mapGoogleUsage(usage: GenerateContentResponseUsageMetadata | undefined): Usage | undefined {
  if (usage === undefined) return undefined;
  const { promptTokenCount, candidatesTokenCount, thoughtsTokenCount, totalTokenCount, cachedContentTokenCount } =
    usage;
  if (promptTokenCount === undefined && candidatesTokenCount === undefined && totalTokenCount === undefined) {
    return undefined;
  }
  const outputTokens =
    candidatesTokenCount === undefined && thoughtsTokenCount === undefined
      ? undefined
      : (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0);
  return {
    inputTokens: promptTokenCount,
    outputTokens,
    totalTokens: totalTokenCount,
    cachedInputTokens: cachedContentTokenCount,
    reasoningTokens: thoughtsTokenCount,
  };
}
