import type { AdapterV1Message, AssistantMessage, MessageToolCall } from "@promptstream/core";
import type { ResponseFunctionToolCall, ResponseInputItem } from "openai/resources/responses/responses";

/** What a conversation becomes in a Responses API request. */
export interface OpenAIResponsesInputFields {
  /** The system messages, joined: the API takes one system text beside the input items. */
  instructions?: string;
  input: ResponseInputItem[];
}

/**
 * Converts provider-neutral messages to Responses API input: system messages become
 * `instructions` (joined with a blank line, after any native `instructions`), user and assistant
 * text become messages, an assistant's tool calls become `function_call` items and tool results
 * `function_call_output` items, matched by `call_id`.
 */
export function convertToOpenAIResponsesInput(
  messages: readonly AdapterV1Message[],
  nativeInstructions: string | null | undefined,
): OpenAIResponsesInputFields {
  const instructions: string[] = nativeInstructions ? [nativeInstructions] : [];
  const input: ResponseInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case "system":
        instructions.push(message.content);
        break;
      case "user":
        input.push({ role: "user", content: message.content });
        break;
      case "assistant":
        pushAssistantMessage(input, message);
        break;
      case "tool":
        // The API takes text only, and has no error flag: an error's text says what went wrong.
        input.push({
          type: "function_call_output",
          call_id: message.toolCallId,
          output: typeof message.content === "string" ? message.content : JSON.stringify(message.content),
        });
        break;
    }
  }
  return instructions.length === 0 ? { input } : { instructions: instructions.join("\n\n"), input };
}

function pushAssistantMessage(input: ResponseInputItem[], message: AssistantMessage): void {
  // A turn of calls alone has no text: an empty assistant message would be sent as one.
  if (message.content !== "" || message.toolCalls === undefined || message.toolCalls.length === 0)
    input.push({ role: "assistant", content: message.content });
  for (const call of message.toolCalls ?? []) input.push(toFunctionCall(call));
}

function toFunctionCall(call: MessageToolCall): ResponseFunctionToolCall {
  return { type: "function_call", call_id: call.id, name: call.name, arguments: argumentsOf(call) };
}

/** The arguments as the model wrote them, where known; else the parsed ones as JSON. */
function argumentsOf(call: MessageToolCall): string {
  if (call.argsText !== undefined && call.argsText.trim() !== "") return call.argsText;
  return JSON.stringify(call.args ?? {}) ?? "{}";
}
