import type { Content, GenerateContentResponse, Part } from "@google/genai";
import type { CallResponse, RawToolCall, StreamSummary } from "@promptstream/core";
import { generateCallId } from "./google-call-ids.js";
import { GoogleModelTurn } from "./google-model-turn.js";
import { mapGoogleFinishReason } from "./map-google-finish-reason.js";
import { mapGoogleUsage } from "./map-google-usage.js";

/**
 * A whole Gemini response: the neutral {@link CallResponse} fields plus the raw
 * `GenerateContentResponse` (from `call()`; for `stream.response()`, the last streamed one).
 */
export interface GoogleCallResponse extends CallResponse {
  /** The raw response: from `call()`, as sent; from a stream, the last chunk's. */
  readonly googleResponse: GenerateContentResponse | undefined;
  /**
   * The model's turn as Gemini sent it: every part (text, thoughts, function calls) with its
   * `thoughtSignature`. From a stream, the parts of every chunk in order.
   */
  readonly googleContent: Content;
  /** The model's thinking, from its thought parts; `""` when it did not think aloud. Never part of `content`. */
  readonly reasoning: string;
}

/** Builds a {@link GoogleCallResponse} from a non-streamed response. */
export function createGoogleCallResponse(response: GenerateContentResponse): GoogleCallResponse {
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  let content = "";
  let reasoning = "";
  const turn = new GoogleModelTurn();
  const rawToolCalls: RawToolCall[] = [];
  for (const part of parts) {
    if (part.text !== undefined) {
      if (part.thought === true) {
        reasoning += part.text;
        turn.addThought(part.text, part.thoughtSignature);
      } else {
        content += part.text;
        turn.addAnswerText(part.thoughtSignature);
      }
    }
    const call = part.functionCall;
    if (call?.name !== undefined) {
      const id = call.id ?? generateCallId();
      turn.addCallSignature(id, part.thoughtSignature);
      rawToolCalls.push({ id, name: call.name, argsText: call.args === undefined ? "" : JSON.stringify(call.args) });
    }
  }
  const rawFinishReason = candidate?.finishReason ?? undefined;
  return {
    content,
    reasoning,
    finishReason:
      rawFinishReason === undefined ? undefined : mapGoogleFinishReason(rawFinishReason, rawToolCalls.length > 0),
    rawFinishReason,
    usage: mapGoogleUsage(response.usageMetadata),
    model: response.modelVersion,
    id: response.responseId,
    message: turn.message(content, rawToolCalls),
    googleResponse: response,
    googleContent: { role: "model", parts },
    ...(rawToolCalls.length === 0 ? {} : { rawToolCalls }),
  };
}

/** Builds a {@link GoogleCallResponse} from what core accumulated of a stream, and what the stream kept. */
export function createStreamedGoogleCallResponse(
  summary: StreamSummary,
  { last, parts, turn }: { last: GenerateContentResponse | undefined; parts: readonly Part[]; turn: GoogleModelTurn },
): GoogleCallResponse {
  const { rawToolCalls, ...neutral } = summary;
  return {
    ...neutral,
    model: last?.modelVersion,
    id: last?.responseId,
    message: turn.message(summary.content, rawToolCalls),
    googleResponse: last,
    googleContent: { role: "model", parts: [...parts] },
    // Absent when the model called no tool, as in core's stream summary.
    ...(rawToolCalls === undefined ? {} : { rawToolCalls }),
  };
}
