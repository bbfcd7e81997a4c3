import type { AssistantMessage, MessageToolCall, ReasoningBlock } from "@promptstream/core";
import type {
  ResponseFunctionToolCall,
  ResponseInputItem,
  ResponseReasoningItem,
} from "openai/resources/responses/responses";
import type { OpenAIResponsesMessageData } from "./create-openai-responses-message.js";

const NO_IDS: OpenAIResponsesMessageData = {};

/**
 * An assistant message as Responses API input items: its OpenAI reasoning items first (as the
 * model produced them, before what they led to), then its text as a message, then its function
 * calls. Reasoning blocks of other providers are left out.
 *
 * A reasoning item is sent back whole (`id`, `summary`, `encrypted_content`) when it has
 * encrypted content, which OpenAI decrypts whatever `store` says; without it, only when the
 * request does not say `store: false`, as OpenAI then finds the stored item by its `id` (an item
 * of a response made with `store: false` was never stored: sending it would fail). When one is
 * sent, the message and the calls carry their item ids too, so that OpenAI can pair them; without
 * one they carry none (a call's id without its reasoning item is refused).
 */
export function convertToOpenAIResponsesAssistantItems(
  message: AssistantMessage,
  store: boolean | null | undefined,
): ResponseInputItem[] {
  const items: ResponseInputItem[] = [];
  for (const block of message.reasoning ?? []) {
    const item = toReasoningItem(block, store);
    if (item !== undefined) items.push(item);
  }
  const ids = items.length > 0 ? messageDataOf(message) : NO_IDS;
  const calls = message.toolCalls ?? [];
  // A turn of calls alone has no text: an empty assistant message would be sent as one.
  if (message.content !== "" || calls.length === 0) {
    const id = ids.messageItemId;
    items.push(
      id === undefined
        ? { role: "assistant", content: message.content }
        : {
            type: "message",
            id,
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: message.content, annotations: [] }],
          },
    );
  }
  for (const call of calls) items.push(toFunctionCall(call, ids.functionCallItemIds?.[call.id]));
  return items;
}

function toReasoningItem(block: ReasoningBlock, store: boolean | null | undefined): ResponseReasoningItem | undefined {
  if (block.provider !== "openai") return undefined;
  const id = block.providerData?.id;
  if (typeof id !== "string") return undefined;
  const encrypted = block.redactedData;
  if (encrypted === undefined && store === false) return undefined;
  const kept = block.providerData?.summary;
  const summary = Array.isArray(kept) ? kept.filter((text) => typeof text === "string") : [block.text];
  return {
    type: "reasoning",
    id,
    summary: summary.filter((text) => text !== "").map((text) => ({ type: "summary_text", text })),
    ...(encrypted === undefined ? {} : { encrypted_content: encrypted }),
  };
}

function messageDataOf(message: AssistantMessage): OpenAIResponsesMessageData {
  const data = message.providerData?.openai;
  if (data === undefined) return NO_IDS;
  const { messageItemId, functionCallItemIds } = data;
  return {
    ...(typeof messageItemId === "string" ? { messageItemId } : {}),
    ...(isStringRecord(functionCallItemIds) ? { functionCallItemIds } : {}),
  };
}

function isStringRecord(value: unknown): value is { readonly [key: string]: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === "string")
  );
}

function toFunctionCall(call: MessageToolCall, itemId: string | undefined): ResponseFunctionToolCall {
  return {
    type: "function_call",
    ...(itemId === undefined ? {} : { id: itemId }),
    call_id: call.id,
    name: call.name,
    arguments: argumentsOf(call),
  };
}

/** The arguments as the model wrote them, where known; else the parsed ones as JSON. */
function argumentsOf(call: MessageToolCall): string {
  if (call.argsText !== undefined && call.argsText.trim() !== "") return call.argsText;
  return JSON.stringify(call.args ?? {}) ?? "{}";
}
