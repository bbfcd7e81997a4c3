import type { FinishReason } from "@promptstream/core";

/**
 * Maps an OpenAI `finish_reason` to the neutral union. Unknown values (from newer APIs or
 * OpenAI-compatible servers) become `"other"`; the raw value is kept beside it.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIFinishReason(reason: string): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return "other";
  }
}
