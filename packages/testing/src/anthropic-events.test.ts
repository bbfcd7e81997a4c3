import { describe, expect, it } from "vitest";
import { createAnthropicMessage, createAnthropicMessageEvents, createAnthropicTextEvents } from "./anthropic-events.js";

type Event = { type: string; index?: number; delta?: Record<string, unknown>; content_block?: Record<string, unknown> };

const blocksOf = (events: readonly object[]) =>
  (events as Event[]).filter((event) => event.type === "content_block_start").map((event) => event.content_block);

describe("createAnthropicMessageEvents", () => {
  it("streams thinking, redacted thinking, text and a tool call as blocks in the order given", () => {
    const events = createAnthropicMessageEvents(
      [
        { type: "thinking", thinking: "Check the weather first.", signature: "sig-1" },
        { type: "redacted_thinking", data: "ENCRYPTED" },
        "Let me look.",
        { id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}' },
      ],
      { split: (text) => [text] },
    ) as Event[];
    expect(blocksOf(events)).toEqual([
      { type: "thinking", thinking: "", signature: "" },
      { type: "redacted_thinking", data: "ENCRYPTED" },
      { type: "text", text: "" },
      { type: "tool_use", id: "toolu_1", name: "get_weather", input: {} },
    ]);
    const deltasOf = (index: number) =>
      events.filter((event) => event.index === index && event.delta).map((event) => event.delta);
    expect(deltasOf(0)).toEqual([
      { type: "thinking_delta", thinking: "Check the weather first." },
      { type: "signature_delta", signature: "sig-1" },
    ]);
    expect(deltasOf(1)).toEqual([]);
    expect(events.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      // thinking 1, text 1, tool input 3 (the empty first fragment, then 16 characters in pieces of 8).
      usage: { output_tokens: 5 },
    });
  });

  it("sends no signature_delta for a thinking block scripted with signature: null", () => {
    const events = createAnthropicMessageEvents([
      { type: "thinking", thinking: "cut", signature: null },
      "Hi",
    ]) as Event[];
    expect(events.some((event) => event.delta?.type === "signature_delta")).toBe(false);
    expect(events.at(-2)?.delta).toEqual({ stop_reason: "end_turn", stop_sequence: null });
  });

  it("reports the scripted cache and thinking token counts in message_start and message_delta", () => {
    const usage = {
      input_tokens: 7,
      output_tokens: 30,
      cache_creation_input_tokens: 1500,
      cache_read_input_tokens: 2048,
      output_tokens_details: { thinking_tokens: 20 },
    };
    const events = createAnthropicTextEvents("Done.", { usage }) as Array<
      Event & { message?: { usage: unknown }; usage?: unknown }
    >;
    expect(events[0]?.message?.usage).toEqual({
      input_tokens: 7,
      cache_creation_input_tokens: 1500,
      cache_read_input_tokens: 2048,
      output_tokens: 1,
    });
    expect(events.at(-2)?.usage).toEqual({
      cache_creation_input_tokens: 1500,
      cache_read_input_tokens: 2048,
      output_tokens: 30,
      output_tokens_details: { thinking_tokens: 20 },
    });
  });
});

describe("createAnthropicMessage", () => {
  it("builds the whole message call() receives for the same blocks", () => {
    const message = createAnthropicMessage(
      [
        { type: "thinking", thinking: "Hmm." },
        { type: "redacted_thinking", data: "X" },
        "Sunny.",
        { id: "t", name: "f" },
      ],
      { usage: { cache_read_input_tokens: 10 } },
    );
    expect(message).toMatchObject({
      content: [
        { type: "thinking", thinking: "Hmm.", signature: "loopback-signature" },
        { type: "redacted_thinking", data: "X" },
        { type: "text", text: "Sunny.", citations: null },
        { type: "tool_use", id: "t", name: "f", input: {} },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 10, output_tokens: 4 },
    });
  });
});
