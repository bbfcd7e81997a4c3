import type {
  AdapterV1Message,
  AdapterV1UserMessage,
  AssistantMessage,
  MessageToolCall,
  ToolMessage,
} from "@promptstream/core";
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionToolMessageParam,
  ChatCompletionUserMessageParam,
} from "openai/resources/chat/completions";
import { convertToOpenAIUserContent } from "./convert-to-openai-user-content.js";

/**
 * Converts provider-neutral messages to Chat Completions messages. A user message with images or
 * documents becomes content parts (inline data is read, hence async); every other message is text.
 * Cache hints send nothing (OpenAI caches long prompt prefixes by itself), and an assistant's
 * reasoning blocks are left out: Chat Completions has no field to send reasoning back in.
 */
export async function convertToOpenAIMessages(
  messages: readonly AdapterV1Message[],
): Promise<ChatCompletionMessageParam[]> {
  const converted: ChatCompletionMessageParam[] = [];
  for (const message of messages) {
    switch (message.role) {
      case "assistant":
        converted.push(convertAssistantMessage(message));
        break;
      case "tool":
        converted.push(convertToolMessage(message));
        break;
      case "user":
        converted.push(message.parts === undefined ? toUserText(message) : await convertUserParts(message));
        break;
      default:
        converted.push({ role: message.role, content: message.content });
    }
  }
  return converted;
}

function toUserText(message: AdapterV1UserMessage): ChatCompletionUserMessageParam {
  return { role: "user", content: message.content };
}

async function convertUserParts(message: AdapterV1UserMessage): Promise<ChatCompletionUserMessageParam> {
  return { role: "user", content: await convertToOpenAIUserContent(message.parts ?? []) };
}

function convertAssistantMessage(message: AssistantMessage): ChatCompletionAssistantMessageParam {
  const calls = message.toolCalls;
  if (calls === undefined || calls.length === 0) return { role: "assistant", content: message.content };
  // A turn of calls alone has no text: OpenAI records it as `content: null`.
  return { role: "assistant", content: message.content === "" ? null : message.content, tool_calls: calls.map(toCall) };
}

function toCall(call: MessageToolCall): ChatCompletionMessageFunctionToolCall {
  return { id: call.id, type: "function", function: { name: call.name, arguments: argumentsOf(call) } };
}

/** The arguments as the model wrote them, where known; else the parsed ones as JSON. */
function argumentsOf(call: MessageToolCall): string {
  // A call without arguments may have been written as "": OpenAI-compatible servers that parse the
  // history's arguments as JSON (to render their chat template) refuse that, so send "{}" instead.
  if (call.argsText !== undefined && call.argsText.trim() !== "") return call.argsText;
  return JSON.stringify(call.args ?? {}) ?? "{}";
}

function convertToolMessage(message: ToolMessage): ChatCompletionToolMessageParam {
  // OpenAI takes text only, and has no error flag: an error's text says what went wrong.
  const content = typeof message.content === "string" ? message.content : JSON.stringify(message.content);
  return { role: "tool", tool_call_id: message.toolCallId, content };
}
