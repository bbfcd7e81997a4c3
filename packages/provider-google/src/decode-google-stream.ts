import type { GenerateContentResponse, Part } from "@google/genai";
import { ProviderError, StreamInterruptedError, type ToolCallDelta } from "@promptstream/core";
import { GoogleCallResponseChunk } from "./google-call-response-chunk.js";
import { GoogleFunctionCalls } from "./google-function-calls.js";
import { GoogleModelTurn } from "./google-model-turn.js";
import { mapGoogleError } from "./map-google-error.js";
import { mapGoogleUsage } from "./map-google-usage.js";

/**
 * What a stream keeps beside core's summary, to build its response: the parts, the model's turn
 * as the next request needs it back (signatures, thoughts), the last object.
 */
export class GoogleStreamState {
  readonly turn = new GoogleModelTurn();
  readonly functionCalls = new GoogleFunctionCalls((id, signature) => this.turn.addCallSignature(id, signature));
  readonly parts: Part[] = [];
  last: GenerateContentResponse | undefined;

  /** Reads one streamed response into a chunk; throws for a blocked prompt or a malformed call. */
  read(response: GenerateContentResponse): GoogleCallResponseChunk {
    this.last = response;
    throwIfFailed(response);
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    let content = "";
    let reasoning = "";
    // Most chunks carry no call: no array for them (this runs per chunk).
    let toolCallDeltas: ToolCallDelta[] | undefined;
    for (const part of parts) {
      this.parts.push(part);
      if (part.text !== undefined) {
        if (part.thought === true) {
          reasoning += part.text;
          this.turn.addThought(part.text, part.thoughtSignature);
        } else {
          content += part.text;
          this.turn.addAnswerText(part.thoughtSignature);
        }
      }
      if (part.functionCall !== undefined) {
        const deltas = this.functionCalls.add(part.functionCall, part.thoughtSignature);
        toolCallDeltas = toolCallDeltas === undefined ? deltas : [...toolCallDeltas, ...deltas];
      }
    }
    return new GoogleCallResponseChunk(response, {
      content,
      reasoning,
      usage: mapGoogleUsage(response.usageMetadata),
      // `undefined` for none, as the chunk contract asks.
      toolCallDeltas: toolCallDeltas?.length === 0 ? undefined : toolCallDeltas,
      hasToolCalls: this.functionCalls.any,
    });
  }
}

/**
 * The chunks of a Gemini stream: each `GenerateContentResponse` the SDK yields, wrapped. Gemini
 * has no end event: the stream is complete when a chunk carried a `finishReason` (Gemini sends it
 * on the last chunk); a body that ends before one is a `StreamInterruptedError`. Failures of the
 * SDK's reads become core errors. Leaving early ends the SDK's generator, and core then aborts
 * the request's signal, which the SDK passed to `fetch`: the connection is closed.
 *
 * The chunk with the `finishReason` ends the stream: what the server sends after it is not waited
 * for (a server that holds the connection open would otherwise hang a complete answer), and
 * `release` closes the body, which the SDK's generator, once left, would not do.
 */
export async function* decodeGoogleStream(
  stream: AsyncIterable<GenerateContentResponse>,
  state: GoogleStreamState,
  apiKey: string | undefined,
  release: () => void,
): AsyncGenerator<GoogleCallResponseChunk> {
  let finished = false;
  try {
    for await (const response of stream) {
      const chunk = state.read(response);
      if (chunk.rawFinishReason !== undefined) finished = true;
      yield chunk;
      if (finished) break;
    }
  } catch (error) {
    throw mapGoogleError(error, { apiKey, inStream: true });
  } finally {
    if (finished) release();
  }
  if (!finished) {
    throw new StreamInterruptedError(
      "The Gemini stream ended before a chunk with a `finishReason`: the connection was closed early.",
      { provider: "google" },
    );
  }
}

/**
 * Gemini's ways of failing inside a successful response: a prompt blocked before any output
 * (`promptFeedback.blockReason`, no candidate), and a function call the model wrote wrong
 * (`MALFORMED_FUNCTION_CALL`), which leaves no call to run.
 */
export function throwIfFailed(response: GenerateContentResponse): void {
  const feedback = response.promptFeedback;
  if (feedback?.blockReason !== undefined && (response.candidates?.length ?? 0) === 0) {
    const detail = feedback.blockReasonMessage === undefined ? "" : `: ${feedback.blockReasonMessage}`;
    // The prompt itself was refused: sending it again gives the same answer.
    throw ProviderError.create(`Gemini blocked the prompt (${feedback.blockReason})${detail}`, {
      code: "invalid_request",
      provider: "google",
      retryable: false,
    });
  }
  const candidate = response.candidates?.[0];
  if (candidate?.finishReason === "MALFORMED_FUNCTION_CALL") {
    const detail = candidate.finishMessage === undefined ? "" : `: ${candidate.finishMessage}`;
    // The model's output, not the request, was at fault, and sampling again often gives a good call:
    // `server_error` is retryable while nothing reached the consumer.
    throw ProviderError.create(`Gemini wrote a malformed function call (MALFORMED_FUNCTION_CALL)${detail}`, {
      code: "server_error",
      provider: "google",
    });
  }
}
