import type { Usage } from "../adapter/v1/usage.js";

/** The token counts of a {@link Usage}: what is added up when usage is summed (a tool loop's steps, a meter's calls). */
export const USAGE_COUNTS = [
  "inputTokens",
  "outputTokens",
  "totalTokens",
  "cachedInputTokens",
  "cacheCreationInputTokens",
  "reasoningTokens",
] as const satisfies ReadonlyArray<keyof Usage>;
