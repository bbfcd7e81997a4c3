import type { AdapterV1Message, AssistantMessage, MessageToolCall, ToolMessage } from "@promptstream/core";
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionToolMessageParam,
} from "openai/resources/chat/completions";

/** Converts provider-neutral messages to Chat Completions messages. */
export function convertToOpenAIMessages(messages: readonly AdapterV1Message[]): ChatCompletionMessageParam[] {
  return messages.map((message) => {
    switch (message.role) {
      case "assistant":
        return convertAssistantMessage(message);
      case "tool":
        return convertToolMessage(message);
      default:
        return { role: message.role, content: message.content };
    }
  });
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
