import type { Message } from "@promptstream/core";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

/** Converts provider-neutral messages to Chat Completions messages. */
export function convertToOpenAIMessages(messages: readonly Message[]): ChatCompletionMessageParam[] {
  return messages.map((message) => ({ role: message.role, content: message.content }));
}
