import type { FinishReason } from "@promptstream/core";
import type { Response as OpenAIResponse } from "openai/resources/responses/responses";

/** Why a response stopped, neutral and as the API said it. */
export interface OpenAIResponsesFinish {
  readonly finishReason: FinishReason;
  /** The response's `status`, or for an incomplete one its `incomplete_details.reason`. */
  readonly rawFinishReason: string;
}

/** What a response's output held, which decides the finish reason of a completed one. */
export interface OpenAIResponsesOutcome {
  readonly hasFunctionCalls: boolean;
  readonly refused: boolean;
}

/**
 * The Responses API has no finish reason: a response is `completed` or `incomplete` (with a
 * reason), and says nothing of why a completed one stopped. A completed response that called
 * functions finished for `tool_calls`, one that refused for `refusal`, any other for `stop`.
 *
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function mapOpenAIResponsesFinish(
  response: Pick<OpenAIResponse, "status" | "incomplete_details">,
  outcome: OpenAIResponsesOutcome,
): OpenAIResponsesFinish {
  if (response.status === "incomplete") {
    const reason = response.incomplete_details?.reason ?? "incomplete";
    return { finishReason: incompleteReason(reason), rawFinishReason: reason };
  }
  const rawFinishReason = response.status ?? "completed";
  if (rawFinishReason !== "completed") return { finishReason: "other", rawFinishReason };
  if (outcome.hasFunctionCalls) return { finishReason: "tool_calls", rawFinishReason };
  return { finishReason: outcome.refused ? "refusal" : "stop", rawFinishReason };
}

function incompleteReason(reason: string): FinishReason {
  switch (reason) {
    case "max_output_tokens":
      return "length";
    case "content_filter":
      return "content_filter";
    default:
      return "other";
  }
}
