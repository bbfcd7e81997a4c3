/**
 * The SSE events of one stream, serialised once. OpenAI: `data: {chunk}\n\n` ... `data: [DONE]\n\n`.
 * Anthropic: `event: type\ndata: {event}\n\n`, from `message_start` to `message_stop`.
 */
import { chunkText, type TextProfile } from "../scenario.js";

const CREATED = 1_700_000_000;

/** One `chat.completion.chunk` event with one choice. */
export function openaiChunk(delta: object, finishReason: string | null): string {
  const chunk = {
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: CREATED,
    model: "gpt-4o-mini-2024-07-18",
    system_fingerprint: "fp_bench",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/**
 * A Chat Completions stream: a role chunk, one chunk per delta of `profile` (without delta `drop`, if given),
 * a finish chunk, a usage chunk, `[DONE]`.
 */
export function openaiEvents(profile: TextProfile, chunks: number, drop?: number): string[] {
  const events = [openaiChunk({ role: "assistant", content: "" }, null)];
  for (let index = 0; index < chunks; index += 1)
    if (index !== drop) events.push(openaiChunk({ content: chunkText(profile, index) }, null));
  events.push(openaiChunk({}, "stop"), ...openaiEnd(chunks));
  return events;
}

/** The end of every Chat Completions stream: a usage chunk (no choices), then `[DONE]`. */
export function openaiEnd(completionTokens: number): string[] {
  const usage = { prompt_tokens: 12, completion_tokens: completionTokens, total_tokens: 12 + completionTokens };
  const usageChunk = {
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: CREATED,
    model: "gpt-4o-mini-2024-07-18",
    choices: [],
    usage,
  };
  return [`data: ${JSON.stringify(usageChunk)}\n\n`, "data: [DONE]\n\n"];
}

/** One `event: type\ndata: {...}` event (Anthropic Messages and OpenAI Responses name every event). */
export function namedEvent(data: { readonly type: string; readonly [field: string]: unknown }): string {
  return `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A Messages stream with one text block of `chunks` deltas of `profile` (without delta `drop`, if given). */
export function anthropicEvents(profile: TextProfile, chunks: number, drop?: number): string[] {
  const events = [
    anthropicStart(),
    namedEvent({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    namedEvent({ type: "ping" }),
  ];
  for (let index = 0; index < chunks; index += 1) {
    if (index === drop) continue;
    events.push(
      namedEvent({
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: chunkText(profile, index) },
      }),
    );
  }
  events.push(namedEvent({ type: "content_block_stop", index: 0 }), ...anthropicEnd("end_turn", chunks));
  return events;
}

/** The `message_start` event of every Messages stream. */
export function anthropicStart(): string {
  const message = {
    id: "msg_bench",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 1 },
  };
  return namedEvent({ type: "message_start", message });
}

/** The end of every Messages stream: `message_delta` with the stop reason and usage, then `message_stop`. */
export function anthropicEnd(stopReason: string, outputTokens: number): string[] {
  return [
    namedEvent({
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    }),
    namedEvent({ type: "message_stop" }),
  ];
}
