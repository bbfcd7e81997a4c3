import type {
  ContentBlockParam,
  MessageParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from "@anthropic-ai/sdk/resources/messages/messages";
import { type AdapterV1Message, type AssistantMessage, ProviderError, type ToolMessage } from "@promptstream/core";

/** The Messages API's request shape: a top-level system prompt, then alternating turns. */
export interface AnthropicConversation {
  readonly system: string | undefined;
  readonly messages: MessageParam[];
}

type Turn = { role: "user" | "assistant"; blocks: ContentBlockParam[] };

/**
 * Converts neutral messages to Anthropic's shape: system messages, wherever they stand, are
 * joined into the top-level `system`; an assistant message's tool calls become `tool_use`
 * blocks after its text; tool results become `tool_result` blocks of a user turn; consecutive
 * messages of the same turn are merged into one message of several blocks, as the API requires
 * alternating roles (so the results of one step's calls go back as one user message).
 */
export function convertToAnthropicMessages(messages: readonly AdapterV1Message[]): AnthropicConversation {
  const system: string[] = [];
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role === "system") {
      system.push(message.content);
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = toBlocks(message);
    const last = turns[turns.length - 1];
    if (last?.role === role) last.blocks.push(...blocks);
    else turns.push({ role, blocks });
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
    // A single text block is sent as a plain string, the form the API documents first.
    messages: turns.map(({ role, blocks }) => ({ role, content: asContent(blocks) })),
  };
}

function toBlocks(message: Exclude<AdapterV1Message, { role: "system" }>): ContentBlockParam[] {
  switch (message.role) {
    case "tool":
      return [toToolResult(message)];
    case "assistant":
      return assistantBlocks(message);
    default:
      return [{ type: "text", text: message.content }];
  }
}

function assistantBlocks({ content, toolCalls }: AssistantMessage): ContentBlockParam[] {
  if (toolCalls === undefined || toolCalls.length === 0) return [{ type: "text", text: content }];
  // The API refuses an empty text block: a turn of calls only is sent as its tool_use blocks.
  const blocks: ContentBlockParam[] = content === "" ? [] : [{ type: "text", text: content }];
  for (const { id, name, args } of toolCalls) {
    // `input` is required: a call recorded without arguments had none.
    const block: ToolUseBlockParam = { type: "tool_use", id, name, input: args ?? {} };
    blocks.push(block);
  }
  return blocks;
}

function toToolResult({ toolCallId, content, isError }: ToolMessage): ToolResultBlockParam {
  const block: ToolResultBlockParam = {
    type: "tool_result",
    tool_use_id: toolCallId,
    // The API takes text (or content blocks): a JSON value goes as its JSON text.
    content: typeof content === "string" ? content : JSON.stringify(content),
  };
  if (isError === true) block.is_error = true;
  return block;
}

function asContent(blocks: ContentBlockParam[]): MessageParam["content"] {
  const [only] = blocks;
  return blocks.length === 1 && only?.type === "text" ? only.text : blocks;
}
