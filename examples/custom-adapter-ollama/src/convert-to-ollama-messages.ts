import type { AdapterV1Message, AssistantMessage, MessageToolCall, ToolMessage } from "@promptstream/core";
import type { OllamaToolCall } from "./ollama-wire.js";

/** A message of `POST /api/chat`'s `messages`, as this adapter sends it. */
export type OllamaMessage =
  | { readonly role: "system" | "user"; readonly content: string }
  | { readonly role: "assistant"; readonly content: string; readonly tool_calls?: readonly OllamaToolCall[] }
  | { readonly role: "tool"; readonly content: string; readonly tool_name?: string };

/**
 * Converts provider-neutral messages to Ollama's: an assistant turn's calls become `tool_calls`
 * (arguments as an object), and a tool result a `tool` message naming its tool in `tool_name`.
 */
export function convertToOllamaMessages(messages: readonly AdapterV1Message[]): OllamaMessage[] {
  // Ollama matches a result to its call by the tool's name: a result without `toolName` takes
  // the name of the call it answers, from the assistant turn before it.
  const names = new Map<string, string>();
  return messages.map((message) => {
    switch (message.role) {
      case "assistant":
        for (const call of message.toolCalls ?? []) names.set(call.id, call.name);
        return convertAssistantMessage(message);
      case "tool":
        return convertToolMessage(message, names.get(message.toolCallId));
      default:
        return { role: message.role, content: message.content };
    }
  });
}

function convertAssistantMessage(message: AssistantMessage): OllamaMessage {
  const calls = message.toolCalls;
  if (calls === undefined || calls.length === 0) return { role: "assistant", content: message.content };
  return { role: "assistant", content: message.content, tool_calls: calls.map(toOllamaToolCall) };
}

function toOllamaToolCall(call: MessageToolCall): OllamaToolCall {
  const fn = { name: call.name, arguments: argumentsOf(call) };
  return call.id === "" ? { function: fn } : { id: call.id, function: fn };
}

/**
 * The call's arguments as the object Ollama takes: the parsed `args`, else `argsText` parsed.
 * Ollama refuses anything but an object here, so a call whose arguments are none (or not an
 * object: an invalid call the model is being told about) is sent with `{}`.
 */
function argumentsOf(call: MessageToolCall): Readonly<Record<string, unknown>> {
  if (isObject(call.args)) return call.args;
  try {
    const parsed: unknown = JSON.parse(call.argsText ?? "");
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function convertToolMessage(message: ToolMessage, callName: string | undefined): OllamaMessage {
  // Ollama takes text only, and has no error flag: an error's text says what went wrong.
  const content = typeof message.content === "string" ? message.content : JSON.stringify(message.content);
  const name = message.toolName ?? callName;
  return name === undefined ? { role: "tool", content } : { role: "tool", content, tool_name: name };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
