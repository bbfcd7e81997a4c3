/**
 * Tool calls that go wrong, streamed by a loopback server through the real `@anthropic-ai/sdk`: a
 * stream cut inside a call's arguments fails with the calls it had; calls that cannot be run (an
 * unknown tool, arguments that are not JSON or that the schema refuses) are reported, not thrown.
 */
import { StreamInterruptedError, ToolCallError } from "@promptstream/core";
import { createAnthropicToolUseEvents, rejectionOf } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { labelOf, QUESTION, travelAgentFor, useScriptedServer } from "./anthropic-tools.test-support.js";

const server = useScriptedServer();

const WEATHER = { id: "toolu_weather", name: "get_weather", input: '{"city": "Paris"}' };
const TIME = { id: "toolu_time", name: "get_time", input: '{"city": "Paris"}' };

describe("a stream cut inside a call's arguments", () => {
  /** The events up to the first two fragments of the second call (`""` and `{"city":`), no message_stop. */
  function cutEvents() {
    const events = createAnthropicToolUseEvents(["Checking.", WEATHER, TIME]);
    const timeStart = events.findIndex((event) => (event as { index?: number }).index === 2);
    return events.slice(0, timeStart + 3);
  }

  it.each([
    ["the server ends the body", false],
    ["the connection is reset", true],
  ])(
    "fails with a StreamInterruptedError holding the completed call and the partial one when %s",
    async (_, resetAtEnd) => {
      // A pause before the reset, so that the events are read before it (a reset may drop unread data).
      server.answer({ events: cutEvents(), resetAtEnd, endDelayMs: 50 });
      const TravelAgent = travelAgentFor(server.client);
      const stream = new TravelAgent({ question: QUESTION }).stream();
      const labels: string[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const item of stream) labels.push(labelOf(item));
        })(),
      );

      // The completed call reached the app before the failure: it may already be running.
      expect(labels).toContain("tool-call get_weather");
      expect(labels[labels.length - 1]).toBe("content_block_delta 2");
      expect(error).toBeInstanceOf(StreamInterruptedError);
      expect(error).toMatchObject({ code: "stream_interrupted", provider: "anthropic", retryable: false });
      expect((error as StreamInterruptedError).partialText).toBe("Checking.");
      expect((error as StreamInterruptedError).partialToolCalls).toEqual([
        {
          id: "toolu_weather",
          name: "get_weather",
          argsText: WEATHER.input,
          complete: true,
          partialArgs: JSON.parse(WEATHER.input),
        },
        // A key shows only once its value has begun.
        { id: "toolu_time", name: "get_time", argsText: '{"city":', complete: false, partialArgs: {} },
      ]);
      expect(await rejectionOf(stream.response())).toBe(error);
    },
  );
});

describe("calls that cannot be run", () => {
  const calls = [
    { id: "toolu_unknown", name: "book_hotel", input: '{"city": "Paris"}' },
    { id: "toolu_not_json", name: "get_time", input: ["{city: Paris}"] },
    { id: "toolu_refused", name: "get_weather", input: '{"city": 42, "unit": "kelvin"}' },
    { id: "toolu_fine", name: "list_cities" },
  ];

  it("reports an unknown tool, arguments not JSON and arguments the schema refuses as invalidToolCalls, without failing the stream", async () => {
    server.answer({ events: createAnthropicToolUseEvents(["Let me see.", ...calls]) });
    const TravelAgent = travelAgentFor(server.client);
    const stream = new TravelAgent({ question: QUESTION }).stream();
    const parts: string[] = [];
    for await (const item of stream) if (item.kind !== undefined) parts.push(labelOf(item));
    expect(parts).toEqual([
      "tool-call-error book_hotel",
      "tool-call-error get_time",
      "tool-call-error get_weather",
      "tool-call list_cities",
    ]);

    const response = await stream.response();
    expect(response.finishReason).toBe("tool_calls");
    expect(response.toolCalls).toEqual([{ id: "toolu_fine", name: "list_cities", args: {}, argsText: "" }]);
    const invalid = response.invalidToolCalls;
    expect(invalid.map(({ id, name, argsText }) => ({ id, name, argsText }))).toEqual([
      { id: "toolu_unknown", name: "book_hotel", argsText: '{"city": "Paris"}' },
      { id: "toolu_not_json", name: "get_time", argsText: "{city: Paris}" },
      { id: "toolu_refused", name: "get_weather", argsText: '{"city": 42, "unit": "kelvin"}' },
    ]);
    for (const call of invalid) expect(call.error).toBeInstanceOf(ToolCallError);
    expect(invalid.map((call) => call.error.code)).toEqual(["unknown_tool", "invalid_json", "invalid_arguments"]);
    expect(invalid.map((call) => call.error.toolCallId)).toEqual(["toolu_unknown", "toolu_not_json", "toolu_refused"]);
    expect(invalid[2]?.error.issues.map((issue) => issue.path)).toEqual([["city"], ["unit"]]);
    // Every call stays in the message, in order: a history must answer each one.
    expect(response.message.toolCalls?.map((call) => [call.id, call.args])).toEqual([
      ["toolu_unknown", { city: "Paris" }],
      ["toolu_not_json", {}],
      ["toolu_refused", { city: 42, unit: "kelvin" }],
      ["toolu_fine", {}],
    ]);
  });
});
