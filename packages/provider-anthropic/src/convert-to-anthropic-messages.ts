import type { MessageParam, TextBlockParam } from "@anthropic-ai/sdk/resources/messages/messages";
import { type Message, ProviderError } from "@promptstream/core";

/** The Messages API's request shape: a top-level system prompt, then alternating turns. */
export interface AnthropicConversation {
  readonly system: string | undefined;
  readonly messages: MessageParam[];
}

/**
 * Converts neutral messages to Anthropic's shape: system messages, wherever they stand, are
 * joined into the top-level `system`; consecutive messages of the same role are merged into
 * one message of several text blocks, as the API requires alternating roles.
 */
export function convertToAnthropicMessages(messages: readonly Message[]): AnthropicConversation {
  const system: string[] = [];
  const turns: Array<{ role: "user" | "assistant"; blocks: TextBlockParam[] }> = [];
  for (const message of messages) {
    if (message.role === "system") {
      system.push(message.content);
      continue;
    }
    const last = turns[turns.length - 1];
    const block: TextBlockParam = { type: "text", text: message.content };
    if (last?.role === message.role) last.blocks.push(block);
    else turns.push({ role: message.role, blocks: [block] });
  }
  if (turns.length === 0) {
    throw new ProviderError(
      "Anthropic needs at least one user message, and the prompt rendered only system text. " +
        "Add a `USER:` section (or text outside `SYSTEM:`) to the template.",
      { code: "invalid_request", provider: "anthropic", retryable: false },
    );
  }
  return {
    system: system.length === 0 ? undefined : system.join("\n\n"),
    // A single block is sent as a plain string, the form the API documents first.
    messages: turns.map(({ role, blocks }) => ({
      role,
      content: blocks.length === 1 ? (blocks[0] as TextBlockParam).text : blocks,
    })),
  };
}
