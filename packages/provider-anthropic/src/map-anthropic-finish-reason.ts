import type { FinishReason } from "@promptstream/core";

/**
 * Maps an Anthropic `stop_reason` to the neutral union. Unknown values (from newer API
 * versions) become `"other"`; the raw value is kept beside it. In `tool` mode (a structured
 * output asked for as a forced tool) the forced call is the answer, not a call for the app:
 * `tool_use` is then `"stop"`.
 *
 * @see https://docs.claude.com/en/api/handling-stop-reasons
 */
export function mapAnthropicFinishReason(reason: string, toolMode = false): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return toolMode ? "stop" : "tool_calls";
    case "refusal":
      return "refusal";
    default:
      return "other";
  }
}
