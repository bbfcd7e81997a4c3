import type { Usage } from "../adapter/v1/usage.js";
import { USAGE_COUNTS } from "../usage/usage-counts.js";

type Count = (typeof USAGE_COUNTS)[number];

/** The token counts of several requests added up; a count none of them reported stays `undefined`. */
export function sumUsage(usages: ReadonlyArray<Usage | undefined>): Usage | undefined {
  const reported = usages.filter((usage): usage is Usage => usage !== undefined);
  if (reported.length === 0) return undefined;
  const total: Record<Count, number | undefined> = {
    inputTokens: undefined,
    outputTokens: undefined,
    totalTokens: undefined,
    cachedInputTokens: undefined,
    cacheCreationInputTokens: undefined,
    reasoningTokens: undefined,
  };
  for (const usage of reported) {
    for (const count of USAGE_COUNTS) {
      const value = usage[count];
      if (value !== undefined) total[count] = (total[count] ?? 0) + value;
    }
  }
  return total;
}
