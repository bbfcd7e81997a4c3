/**
 * Replays particular recorded Anthropic Messages streams (shared/fixtures/anthropic-messages), as
 * recorded, from a loopback server through the real `@anthropic-ai/sdk`, and checks what each one
 * is about: a refusal, a server-side fallback, a revised input count, thinking, cut-off tool input.
 */
import { describe, expect, it } from "vitest";
import {
  expectedFrom,
  fixturesDir,
  parseOr,
  type RawEvent,
  readRecording,
} from "./anthropic-recordings.test-support.js";
import { useReplayServer } from "./anthropic-replay.test-support.js";

/** The model a recording's fallback block says answered (`to.model`), if it has one. */
function fallbackBlockOf(events: readonly RawEvent[]) {
  const block = events.find((event) => event.content_block?.type === "fallback")?.content_block as
    | { to?: { model?: string } }
    | undefined;
  return block?.to?.model;
}

describe.skipIf(fixturesDir === undefined)("recorded Anthropic streams replayed through stream()", () => {
  const { replay, collect } = useReplayServer();

  it("anthropic-refusal: finishReason is refusal, the content is empty and stop_details are kept", async () => {
    const recorded = readRecording("anthropic-refusal.chunks.txt");
    const expected = expectedFrom(recorded);
    expect(expected.rawFinishReason).toBe("refusal");

    const response = await replay("anthropic-refusal.chunks.txt", "as-recorded").response();
    expect(response.finishReason).toBe("refusal");
    expect(response.rawFinishReason).toBe("refusal");
    expect(response.content).toBe("");
    expect(response.contentBlocks).toEqual([]);
    const stopDetails = recorded.find((event) => event.type === "message_delta")?.delta as
      | { stop_details?: unknown }
      | undefined;
    expect(stopDetails?.stop_details).toBeDefined();
    expect(response.anthropicMessage.stop_details).toEqual(stopDetails?.stop_details);
  });

  it("anthropic-fallback: the model is the fallback block's target, and the later input count wins", async () => {
    const recorded = readRecording("anthropic-fallback.chunks.txt");
    const startEvent = recorded.find((event) => event.type === "message_start");
    const deltaEvent = recorded.find((event) => event.type === "message_delta");
    const answeredBy = fallbackBlockOf(recorded);
    expect(answeredBy).toBeDefined();
    expect(answeredBy).not.toBe(startEvent?.message?.model);
    const revisedInput = deltaEvent?.usage?.input_tokens;
    expect(revisedInput).not.toBe(startEvent?.message?.usage.input_tokens);

    const response = await replay("anthropic-fallback.chunks.txt", "as-recorded").response();
    expect(response.model).toBe(answeredBy);
    expect(response.fallback).toEqual({ from: startEvent?.message?.model, to: answeredBy });
    expect(response.usage?.inputTokens).toBe(revisedInput);
    expect(response.contentBlocks[0]?.type).toBe("fallback");
    // The raw usage keeps what message_delta sent beyond the neutral counts (its per-model iterations).
    const rawDeltaUsage = deltaEvent?.usage as Record<string, unknown> | undefined;
    expect(rawDeltaUsage?.iterations).toBeDefined();
    expect(response.anthropicMessage.usage).toMatchObject(rawDeltaUsage ?? {});
  });

  it("anthropic-message-delta-input-tokens: the input tokens are message_delta's revised count", async () => {
    const recorded = readRecording("anthropic-message-delta-input-tokens.chunks.txt");
    const startInput = recorded.find((event) => event.type === "message_start")?.message?.usage.input_tokens;
    const revisedInput = recorded.find((event) => event.type === "message_delta")?.usage?.input_tokens;
    expect(revisedInput).toBeDefined();
    expect(revisedInput).not.toBe(startInput);

    const { chunks, stream } = await collect("anthropic-message-delta-input-tokens.chunks.txt", "as-recorded");
    expect(chunks.find((chunk) => chunk.type === "message_start")?.usage?.inputTokens).toBe(startInput);
    const response = await stream.response();
    expect(response.usage?.inputTokens).toBe(revisedInput);
    expect(response.usage?.totalTokens).toBe((revisedInput ?? 0) + (response.usage?.outputTokens ?? 0));
  });

  it("anthropic-clear-thinking: thinking arrives as reasoning (chunks, reasoningStream, response), never in the text", async () => {
    const recorded = readRecording("anthropic-clear-thinking.1.chunks.txt");
    const expected = expectedFrom(recorded);
    expect(expected.thinking).not.toBe("");
    expect(expected.text).not.toBe("");

    const { chunks, stream } = await collect("anthropic-clear-thinking.1.chunks.txt", "as-recorded");
    const thinkingDeltas = recorded.filter((event) => event.delta?.type === "thinking_delta");
    const textDeltas = recorded.filter((event) => event.delta?.type === "text_delta");
    // Each thinking_delta is a chunk with reasoning and no content, each text_delta the reverse.
    const reasoningChunks = chunks.filter(
      (chunk) => chunk.event.type === "content_block_delta" && chunk.event.delta.type === "thinking_delta",
    );
    expect(reasoningChunks.map((chunk) => chunk.reasoning)).toEqual(
      thinkingDeltas.map((event) => event.delta?.thinking),
    );
    expect(reasoningChunks.every((chunk) => chunk.content === "")).toBe(true);
    const textChunks = chunks.filter(
      (chunk) => chunk.event.type === "content_block_delta" && chunk.event.delta.type === "text_delta",
    );
    expect(textChunks.map((chunk) => chunk.content)).toEqual(textDeltas.map((event) => event.delta?.text));
    expect(textChunks.every((chunk) => chunk.reasoning === "")).toBe(true);

    const response = await stream.response();
    expect(response.content).toBe(expected.text);
    expect(response.reasoning).toBe(expected.thinking);
    expect(response.thinking).toBe(expected.thinking);
    const thinkingBlock = response.contentBlocks.find((block) => block.type === "thinking");
    expect(thinkingBlock).toEqual(expected.blocks.find((block) => block.type === "thinking"));
    // The signature the recording sent in its signature_delta, kept on the message for the next turn.
    const signature = recorded.find((event) => event.delta?.type === "signature_delta")?.delta?.signature;
    expect(signature).toMatch(/^Ev/);
    expect(response.message).toEqual({
      role: "assistant",
      content: expected.text,
      reasoning: [{ provider: "anthropic", text: expected.thinking, signature }],
    });
  });

  it("anthropic-clear-thinking: reasoningStream gives the thinking and textStream the answer, split apart", async () => {
    const expected = expectedFrom(readRecording("anthropic-clear-thinking.1.chunks.txt"));
    const [first, second] = replay("anthropic-clear-thinking.1.chunks.txt", "split").tee();
    const reasoning: string[] = [];
    const text: string[] = [];
    await Promise.all([
      (async () => {
        for await (const piece of first.reasoningStream) reasoning.push(piece);
      })(),
      (async () => {
        for await (const piece of second.textStream) text.push(piece);
      })(),
    ]);
    expect(reasoning.join("")).toBe(expected.thinking);
    expect(text.join("")).toBe(expected.text);
  });

  it("incomplete_partial_json_response: the cut-off tool input stays the raw text that arrived", async () => {
    const expected = expectedFrom(readRecording("incomplete_partial_json_response.sse"));
    const [[index, json] = [-1, ""]] = [...expected.toolInputJson];
    expect(parseOr(json, undefined)).toBeUndefined();

    const response = await replay("incomplete_partial_json_response.sse", "as-recorded").response();
    expect(response.finishReason).toBe("length");
    const block = response.contentBlocks[index];
    expect(block?.type).toBe("tool_use");
    expect(block?.type === "tool_use" ? block.input : undefined).toBe(json);
  });
});
