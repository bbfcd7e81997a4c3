import type { ContentBlock } from "@anthropic-ai/sdk/resources/messages/messages";
import type { ReasoningBlock } from "@promptstream/core";

/**
 * The neutral reasoning blocks of a message's content, in order: each `thinking` block as its
 * text and `signature`, each `redacted_thinking` block as its encrypted `data` (`redactedData`,
 * with `text: ""`). They are what the next request must send back unchanged, in this order,
 * when thinking is used with tools. A block that came after tool calls (interleaved thinking)
 * records how many in `providerData.toolCallsBefore`, so that it goes back in its place.
 * Returns `undefined` when there is none, so that a message without thinking has no `reasoning`.
 */
export function convertToReasoningBlocks(blocks: readonly ContentBlock[]): ReasoningBlock[] | undefined {
  const reasoning: ReasoningBlock[] = [];
  let toolCallsBefore = 0;
  for (const block of blocks) {
    let converted: ReasoningBlock;
    if (block.type === "tool_use") {
      toolCallsBefore++;
      continue;
    }
    if (block.type === "thinking") {
      const text = block.thinking ?? "";
      // A stream cut before its signature_delta leaves "": no signature then, since the API would refuse an empty one.
      converted = block.signature
        ? { provider: "anthropic", text, signature: block.signature }
        : { provider: "anthropic", text };
    } else if (block.type === "redacted_thinking") {
      converted = { provider: "anthropic", text: "", redactedData: block.data };
    } else continue;
    reasoning.push(toolCallsBefore === 0 ? converted : { ...converted, providerData: { toolCallsBefore } });
  }
  return reasoning.length === 0 ? undefined : reasoning;
}
