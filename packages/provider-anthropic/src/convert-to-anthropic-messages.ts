import type {
  ContentBlockParam,
  MessageParam,
  TextBlockParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from "@anthropic-ai/sdk/resources/messages/messages";
import { type AdapterV1Message, type AssistantMessage, ProviderError, type ToolMessage } from "@promptstream/core";
import { toAnthropicCacheControl } from "./anthropic-cache-control.js";
import { convertToAnthropicContentParts } from "./convert-to-anthropic-content-parts.js";
import { convertToAnthropicThinkingBlocks } from "./convert-to-anthropic-thinking-blocks.js";

/** The Messages API's request shape: a top-level system prompt, then alternating turns. */
export interface AnthropicConversation {
  /** A string, or text blocks (one per system message) when a system message has a cache hint. */
  readonly system: string | TextBlockParam[] | undefined;
  readonly messages: MessageParam[];
}

type Turn = { role: "user" | "assistant"; blocks: ContentBlockParam[] };
type SystemMessage = Extract<AdapterV1Message, { role: "system" }>;

/**
 * Converts neutral messages to Anthropic's shape: system messages, wherever they stand, are
 * joined into the top-level `system`; a user message's parts become text, `image` and `document`
 * blocks in order; an assistant message's Anthropic reasoning blocks go first (signed `thinking`
 * and `redacted_thinking`, unchanged; one the model wrote after a call goes after that call), then
 * its text, then its tool calls as `tool_use` blocks;
 * tool results become `tool_result` blocks of a user turn; consecutive messages of the same turn
 * are merged into one message of several blocks, as the API requires alternating roles (so the
 * results of one step's calls go back as one user message). A message's `cache` hint puts
 * `cache_control` on its last block.
 */
export async function convertToAnthropicMessages(
  messages: readonly AdapterV1Message[],
): Promise<AnthropicConversation> {
  const system: SystemMessage[] = [];
  const turns: Turn[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role === "system") {
      system.push(message);
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = await toBlocks(message, index);
    if (message.cache !== undefined) markLastBlock(blocks, message.cache);
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
    system: toSystem(system),
    // A single text block is sent as a plain string, the form the API documents first.
    messages: turns.map(({ role, blocks }) => ({ role, content: asContent(blocks) })),
  };
}

/** The top-level system prompt: one string, unless a hint needs `cache_control` on a block of its own. */
function toSystem(messages: readonly SystemMessage[]): string | TextBlockParam[] | undefined {
  if (messages.length === 0) return undefined;
  if (messages.every((message) => message.cache === undefined)) {
    return messages.map((message) => message.content).join("\n\n");
  }
  return messages.map(({ content, cache }) =>
    cache === undefined
      ? { type: "text", text: content }
      : { type: "text", text: content, cache_control: toAnthropicCacheControl(cache) },
  );
}

async function toBlocks(
  message: Exclude<AdapterV1Message, { role: "system" }>,
  index: number,
): Promise<ContentBlockParam[]> {
  switch (message.role) {
    case "tool":
      return [toToolResult(message)];
    case "assistant":
      return assistantBlocks(message);
    default:
      return message.parts === undefined
        ? [{ type: "text", text: message.content }]
        : convertToAnthropicContentParts(message.parts, index);
  }
}

function assistantBlocks({ content, toolCalls = [], reasoning }: AssistantMessage): ContentBlockParam[] {
  const thinking = convertToAnthropicThinkingBlocks(reasoning);
  // Anthropic wants a turn's thinking blocks back as they came: those that opened it first, before its
  // tool_use blocks; one written after a call (interleaved thinking) right after that call.
  const after = (calls: number) => thinking.filter((item) => item.toolCallsBefore === calls).map((item) => item.block);
  const blocks: ContentBlockParam[] = after(0);
  // The API refuses an empty text block: a turn of thinking or calls only is sent without one.
  if (content !== "" || (blocks.length === 0 && toolCalls.length === 0 && thinking.length === 0)) {
    blocks.push({ type: "text", text: content });
  }
  toolCalls.forEach(({ id, name, args }, index) => {
    // `input` is required: a call recorded without arguments had none.
    const block: ToolUseBlockParam = { type: "tool_use", id, name, input: args ?? {} };
    blocks.push(block, ...(thinking.length === 0 ? [] : after(index + 1)));
  });
  // A block placed after more calls than the message holds (an edited history) still goes back, last.
  for (const item of thinking) if (item.toolCallsBefore > toolCalls.length) blocks.push(item.block);
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

/** Puts the hint's `cache_control` on the message's last block that can carry one. */
function markLastBlock(blocks: ContentBlockParam[], cache: NonNullable<AdapterV1Message["cache"]>): void {
  for (let at = blocks.length - 1; at >= 0; at--) {
    const block = blocks[at];
    // Thinking blocks cannot carry cache_control (they are cached with the blocks around them).
    if (block === undefined || block.type === "thinking" || block.type === "redacted_thinking") continue;
    blocks[at] = { ...block, cache_control: toAnthropicCacheControl(cache) } as ContentBlockParam;
    return;
  }
}

function asContent(blocks: ContentBlockParam[]): MessageParam["content"] {
  const [only] = blocks;
  return blocks.length === 1 && only?.type === "text" && only.cache_control == null ? only.text : blocks;
}
