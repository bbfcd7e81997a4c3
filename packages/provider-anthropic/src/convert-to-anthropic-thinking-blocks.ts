import type { RedactedThinkingBlockParam, ThinkingBlockParam } from "@anthropic-ai/sdk/resources/messages/messages";
import type { ReasoningBlock } from "@promptstream/core";

/**
 * The `thinking` and `redacted_thinking` blocks to send back at the start of an assistant turn:
 * the blocks Anthropic produced (`provider: "anthropic"`), unchanged and in order. Blocks from
 * other providers are left out (their signatures mean nothing to Anthropic), and so is a
 * thinking block without a signature (a stream cut before its `signature_delta`), which the
 * API would refuse whatever else the request holds.
 */
export function convertToAnthropicThinkingBlocks(
  reasoning: readonly ReasoningBlock[] | undefined,
): Array<ThinkingBlockParam | RedactedThinkingBlockParam> {
  const blocks: Array<ThinkingBlockParam | RedactedThinkingBlockParam> = [];
  if (reasoning === undefined) return blocks;
  for (const block of reasoning) {
    if (block.provider !== "anthropic") continue;
    if (block.redactedData !== undefined) blocks.push({ type: "redacted_thinking", data: block.redactedData });
    else if (block.signature !== undefined && block.signature !== "") {
      blocks.push({ type: "thinking", thinking: block.text, signature: block.signature });
    }
  }
  return blocks;
}
