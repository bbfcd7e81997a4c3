import type { ContentBlock } from "@anthropic-ai/sdk/resources/messages/messages";
import type { ReasoningBlock } from "@promptstream/core";

/**
 * The neutral reasoning blocks of a message's content, in order: each `thinking` block as its
 * text and `signature`, each `redacted_thinking` block as its encrypted `data` (`redactedData`,
 * with `text: ""`). They are what the next request must send back unchanged, in this order,
 * when thinking is used with tools. Returns `undefined` when there is none, so that a message
 * without thinking carries no `reasoning` field.
 */
export function convertToReasoningBlocks(blocks: readonly ContentBlock[]): ReasoningBlock[] | undefined {
  const reasoning: ReasoningBlock[] = [];
  for (const block of blocks) {
    if (block.type === "thinking") {
      // A stream cut before its signature_delta leaves "": no signature then, since the API would refuse an empty one.
      const text = block.thinking ?? "";
      reasoning.push(
        block.signature ? { provider: "anthropic", text, signature: block.signature } : { provider: "anthropic", text },
      );
    } else if (block.type === "redacted_thinking") {
      reasoning.push({ provider: "anthropic", text: "", redactedData: block.data });
    }
  }
  return reasoning.length === 0 ? undefined : reasoning;
}
