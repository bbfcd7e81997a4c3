import type { FinishReason } from "@promptstream/core";

/**
 * Maps a Gemini `finishReason` to the neutral union. Gemini says `STOP` when the model called
 * functions too: `hasToolCalls` makes that `"tool_calls"`, as the other adapters report it.
 * `MALFORMED_FUNCTION_CALL` is not mapped here: it fails the stream (see `googleFinishError`).
 * Unknown values (from newer API versions) become `"other"`; the raw value is kept beside it.
 *
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGoogleFinishReason(reason: string, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case "STOP":
      return hasToolCalls ? "tool_calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
      return "content_filter";
    default:
      return "other";
  }
}
