import type { AdapterV1Message } from "@promptstream/core";
import type { ResponseInputItem } from "openai/resources/responses/responses";
import { convertToOpenAIResponsesAssistantItems } from "./convert-to-openai-responses-assistant-items.js";
import { convertToOpenAIResponsesUserContent } from "./convert-to-openai-responses-user-content.js";

/** What a conversation becomes in a Responses API request. */
export interface OpenAIResponsesInputFields {
  /** The system messages, joined: the API takes one system text beside the input items. */
  instructions?: string;
  input: ResponseInputItem[];
}

/** The request's own fields that decide how the conversation is sent. */
export interface OpenAIResponsesInputOptions {
  /** Native `instructions`, put before the system messages. */
  readonly instructions?: string | null | undefined;
  /** The request's `store`: with `false`, reasoning items without encrypted content cannot be sent back. */
  readonly store?: boolean | null | undefined;
}

/**
 * Converts provider-neutral messages to Responses API input: system messages become
 * `instructions` (joined with a blank line, after any native `instructions`), user messages
 * become messages (with `input_image` / `input_file` parts when they hold media; inline data is
 * read, hence async), an assistant's reasoning, text and tool calls become reasoning items, a
 * message and `function_call` items, and tool results `function_call_output` items, matched by
 * `call_id`. Cache hints send nothing: OpenAI caches long prompt prefixes by itself.
 */
export async function convertToOpenAIResponsesInput(
  messages: readonly AdapterV1Message[],
  options: OpenAIResponsesInputOptions = {},
): Promise<OpenAIResponsesInputFields> {
  const instructions: string[] = options.instructions ? [options.instructions] : [];
  const input: ResponseInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case "system":
        instructions.push(message.content);
        break;
      case "user":
        input.push({
          role: "user",
          content:
            message.parts === undefined ? message.content : await convertToOpenAIResponsesUserContent(message.parts),
        });
        break;
      case "assistant":
        input.push(...convertToOpenAIResponsesAssistantItems(message, options.store));
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
