import type { CallResponse } from "@promptstream/core";
import { mapOllamaFinishReason, mapOllamaUsage, toRawToolCall } from "./ollama-call-response-chunk.js";
import type { OllamaChatLine } from "./ollama-wire.js";

/** A whole Ollama response: the neutral {@link CallResponse} fields plus Ollama's own reply. */
export interface OllamaCallResponse extends CallResponse {
  /** The model's thinking (with `think: true`); `""` when it did not think aloud. Never part of `content`. */
  readonly thinking: string;
  /**
   * The reply as Ollama describes it: the body of `call()`, or for a stream its last line with
   * the streamed text, thinking and tool calls filled in (durations and counts are on it when the
   * stream finished).
   */
  readonly ollamaResponse: OllamaChatLine;
}

/**
 * The response for a whole reply (`call()`), or for a stream's last line with what the stream
 * accumulated filled in. The reply's tool calls become `rawToolCalls`, which core validates into
 * `toolCalls`.
 */
export function createOllamaCallResponse(reply: OllamaChatLine): OllamaCallResponse {
  const content = reply.message?.content ?? "";
  const calls = reply.message?.tool_calls ?? [];
  const rawFinishReason = reply.done === true ? reply.done_reason : undefined;
  return {
    content,
    thinking: reply.message?.thinking ?? "",
    finishReason: mapOllamaFinishReason(rawFinishReason),
    rawFinishReason,
    usage: reply.done === true ? mapOllamaUsage(reply) : undefined,
    model: reply.model,
    id: undefined, // Ollama gives its replies no id.
    message: { role: "assistant", content },
    ollamaResponse: reply,
    ...(calls.length === 0 ? {} : { rawToolCalls: calls.map(toRawToolCall) }),
  };
}
