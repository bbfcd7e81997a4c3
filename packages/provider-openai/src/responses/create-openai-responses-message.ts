import type { AssistantMessage, JsonValue, ReasoningBlock } from "@promptstream/core";
import type { ResponseOutputItem, ResponseReasoningItem } from "openai/resources/responses/responses";

/**
 * What the Responses adapter keeps under an assistant message's `providerData.openai`: the ids of
 * the output items that followed its reasoning, sent back with the reasoning items so that OpenAI
 * can pair each reasoning item with the item it led to.
 */
export interface OpenAIResponsesMessageData {
  /** The `id` of the turn's `message` item (`msg_...`), when it had exactly one. */
  readonly messageItemId?: string;
  /** The `id` (`fc_...`) of each `function_call` item, by its `call_id`. */
  readonly functionCallItemIds?: { readonly [callId: string]: string };
}

/**
 * The assistant message of a response, to append to a history: its text, and when the model
 * reasoned, its `reasoning` items as blocks (provider `"openai"`, the summary as `text`,
 * `encrypted_content` as `redactedData`, the item's `id` and summary parts in `providerData`),
 * with the ids of the items they led to (see {@link OpenAIResponsesMessageData}).
 */
export function createOpenAIResponsesMessage(content: string, output: readonly ResponseOutputItem[]): AssistantMessage {
  const reasoning: ReasoningBlock[] = [];
  const messageIds: string[] = [];
  const functionCallItemIds: Record<string, string> = {};
  for (const item of output) {
    if (item.type === "reasoning") reasoning.push(toReasoningBlock(item));
    else if (item.type === "message" && item.id) messageIds.push(item.id);
    else if (item.type === "function_call" && item.id) functionCallItemIds[item.call_id] = item.id;
  }
  if (reasoning.length === 0) return { role: "assistant", content };
  const data: { -readonly [K in keyof OpenAIResponsesMessageData]: OpenAIResponsesMessageData[K] } = {};
  // Several message items (a `commentary` then a `final_answer`) are one text here: no one id fits it.
  if (messageIds.length === 1) data.messageItemId = messageIds[0];
  if (Object.keys(functionCallItemIds).length > 0) data.functionCallItemIds = functionCallItemIds;
  return {
    role: "assistant",
    content,
    reasoning,
    ...(Object.keys(data).length === 0 ? {} : { providerData: { openai: data as { [key: string]: JsonValue } } }),
  };
}

function toReasoningBlock(item: ResponseReasoningItem): ReasoningBlock {
  const summary = (item.summary ?? []).map((part) => part.text);
  // Open-weight models send their reasoning as `content` rather than a summary.
  const text = summary.length > 0 ? summary.join("") : (item.content ?? []).map((part) => part.text).join("");
  return {
    provider: "openai",
    text,
    ...(item.encrypted_content ? { redactedData: item.encrypted_content } : {}),
    providerData: { id: item.id, summary },
  };
}
