import type { RedactedThinkingBlockParam, ThinkingBlockParam } from "@anthropic-ai/sdk/resources/messages/messages";
import type { ReasoningBlock } from "@promptstream/core";

/** A thinking block to send back, and how many of the turn's tool calls came before it. */
export interface AnthropicThinkingBlockInPlace {
  readonly block: ThinkingBlockParam | RedactedThinkingBlockParam;
  /** 0 for the blocks that open the turn; `n` for one the model wrote after its n-th tool call (interleaved thinking). */
  readonly toolCallsBefore: number;
}

/**
 * The `thinking` and `redacted_thinking` blocks to send back in an assistant turn: the blocks
 * Anthropic produced (`provider: "anthropic"`), unchanged and in order, each with its place
 * among the turn's tool calls (`providerData.toolCallsBefore`, 0 when absent: the turn's start).
 * Blocks from other providers are left out (their signatures mean nothing to Anthropic), and so
 * is a thinking block without a signature (a stream cut before its `signature_delta`), which the
 * API would refuse whatever else the request holds.
 */
export function convertToAnthropicThinkingBlocks(
  reasoning: readonly ReasoningBlock[] | undefined,
): AnthropicThinkingBlockInPlace[] {
  const blocks: AnthropicThinkingBlockInPlace[] = [];
  if (reasoning === undefined) return blocks;
  for (const { provider, text, signature, redactedData, providerData } of reasoning) {
    if (provider !== "anthropic") continue;
    const place = providerData?.toolCallsBefore;
    const toolCallsBefore = typeof place === "number" && Number.isInteger(place) && place > 0 ? place : 0;
    if (redactedData !== undefined) {
      blocks.push({ block: { type: "redacted_thinking", data: redactedData }, toolCallsBefore });
    } else if (signature !== undefined && signature !== "") {
      blocks.push({ block: { type: "thinking", thinking: text, signature }, toolCallsBefore });
    }
  }
  return blocks;
}
