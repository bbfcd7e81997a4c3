/**
 * Tool calls streamed by a loopback server through the real `@anthropic-ai/sdk`: each call is
 * yielded as a part as soon as its `content_block_stop` arrives, typed and validated, with the
 * text around the calls kept in `content`; calls without arguments, in one fragment, in parallel.
 */
import type { ToolCallDelta } from "@promptstream/core";
import { createAnthropicToolUseEvents } from "@promptstream/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { labelOf, QUESTION, travelAgentFor, useScriptedServer } from "./anthropic-tools.test-support.js";
import type { AnthropicCallResponseChunk } from "./index.js";

const server = useScriptedServer();

const WEATHER = { id: "toolu_weather", name: "get_weather", input: '{"city": "Paris"}' };
const TIME = { id: "toolu_time", name: "get_time", input: '{"city": "Paris"}' };

function streamOf(blocks: Parameters<typeof createAnthropicToolUseEvents>[0]) {
  server.answer({ events: createAnthropicToolUseEvents(blocks) });
  const TravelAgent = travelAgentFor(server.client);
  return new TravelAgent({ question: QUESTION }).stream();
}

describe("tool calls in a stream", () => {
  it("yields each call as a tool-call part right after its content_block_stop, while the next call is still to come", async () => {
    const stream = streamOf(["Let me check.", WEATHER, " And the time:", TIME, " One moment."]);
    const labels: string[] = [];
    for await (const item of stream) labels.push(labelOf(item));
    expect(labels).toEqual([
      "message_start",
      "content_block_start 0",
      ...Array(3).fill("content_block_delta 0"),
      "content_block_stop 0",
      "content_block_start 1",
      // Anthropic's first fragment is empty, then the 17 characters of arguments in pieces of 8.
      ...Array(4).fill("content_block_delta 1"),
      "content_block_stop 1",
      "tool-call get_weather",
      "content_block_start 2",
      ...Array(3).fill("content_block_delta 2"),
      "content_block_stop 2",
      "content_block_start 3",
      ...Array(4).fill("content_block_delta 3"),
      "content_block_stop 3",
      "tool-call get_time",
      "content_block_start 4",
      ...Array(2).fill("content_block_delta 4"),
      "content_block_stop 4",
      "message_delta",
      "message_stop",
    ]);
  });

  it("gives response().toolCalls typed and validated (defaults applied), the text around them in content", async () => {
    const stream = streamOf(["Let me check.", WEATHER, " And the time:", TIME, " One moment."]);
    const response = await stream.response();

    expect(response.content).toBe("Let me check. And the time: One moment.");
    expect(response.finishReason).toBe("tool_calls");
    expect(response.rawFinishReason).toBe("tool_use");
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.toolCalls).toEqual([
      { id: "toolu_weather", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: WEATHER.input },
      { id: "toolu_time", name: "get_time", args: { city: "Paris" }, argsText: TIME.input },
    ]);
    const [weather] = response.toolCalls;
    if (weather?.name === "get_weather") expectTypeOf(weather.args).toEqualTypeOf<{ city: string; unit: "c" | "f" }>();
    // The message records the arguments as the model wrote them, to be sent back as they were.
    expect(response.message).toEqual({
      role: "assistant",
      content: response.content,
      toolCalls: [
        { id: "toolu_weather", name: "get_weather", args: { city: "Paris" }, argsText: WEATHER.input },
        { id: "toolu_time", name: "get_time", args: { city: "Paris" }, argsText: TIME.input },
      ],
    });
    // The rebuilt raw message holds the tool_use blocks with their parsed input, between the text blocks.
    expect(response.contentBlocks.map((block) => (block.type === "tool_use" ? block.input : block.type))).toEqual([
      "text",
      { city: "Paris" },
      "text",
      { city: "Paris" },
      "text",
    ]);
    expect(response.rawToolCalls).toEqual([
      { id: "toolu_weather", name: "get_weather", argsText: WEATHER.input },
      { id: "toolu_time", name: "get_time", argsText: TIME.input },
    ]);
  });

  it("completes a call without arguments (no input_json_delta at all) with {} as its arguments", async () => {
    const stream = streamOf(["Here are the cities.", { id: "toolu_list", name: "list_cities" }]);
    const chunks: AnthropicCallResponseChunk[] = [];
    for await (const item of stream) if (item.kind === undefined) chunks.push(item);
    expect(chunks.flatMap((chunk) => chunk.toolCallDeltas ?? [])).toEqual([
      { index: 0, id: "toolu_list", name: "list_cities", argsTextDelta: "" },
      { index: 0, argsTextDelta: "", done: true },
    ]);
    const response = await stream.response();
    expect(response.toolCalls).toEqual([{ id: "toolu_list", name: "list_cities", args: {}, argsText: "" }]);
    expect(response.message.toolCalls).toEqual([{ id: "toolu_list", name: "list_cities", args: {}, argsText: "" }]);
    expect(response.contentBlocks[1]).toEqual({ type: "tool_use", id: "toolu_list", name: "list_cities", input: {} });
  });

  it("completes a call whose arguments come in a single fragment", async () => {
    const oneFragment = { id: "toolu_oslo", name: "get_time", input: ['{"city":"Oslo"}'] };
    const response = await streamOf([oneFragment]).response();
    expect(response.toolCalls).toEqual([
      { id: "toolu_oslo", name: "get_time", args: { city: "Oslo" }, argsText: '{"city":"Oslo"}' },
    ]);
  });

  it("numbers parallel calls 0, 1, 2 in toolCallDeltas, whatever their content block index", async () => {
    const cities = ["Paris", "Lyon", "Nice"];
    const calls = cities.map((city, at) => ({ id: `toolu_${at}`, name: "get_weather", input: `{"city":"${city}"}` }));
    const stream = streamOf(["Checking three cities.", ...calls]);
    const deltas: Array<{ block: number | undefined; delta: ToolCallDelta }> = [];
    for await (const item of stream) {
      if (item.kind === undefined)
        for (const delta of item.toolCallDeltas ?? []) deltas.push({ block: item.index, delta });
    }
    expect(deltas.filter(({ delta }) => delta.id !== undefined)).toEqual(
      calls.map(({ id, name }, at) => ({ block: at + 1, delta: { index: at, id, name, argsTextDelta: "" } })),
    );
    expect(deltas.filter(({ delta }) => delta.done === true)).toEqual(
      calls.map((_, at) => ({ block: at + 1, delta: { index: at, argsTextDelta: "", done: true } })),
    );
    const response = await stream.response();
    expect(response.toolCalls.map((call) => call.args)).toEqual(cities.map((city) => ({ city, unit: "c" })));
  });

  it("gives no toolCallDeltas for text, message and server_tool_use events, and does not count server tools as calls", async () => {
    const events = createAnthropicToolUseEvents(["Searching.", "", WEATHER]);
    // Block 1 becomes a web search Anthropic runs itself: it streams JSON too, but is no call for the app.
    const serverTool = [
      {
        type: "content_block_start",
        index: 1,
        content_block: { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} },
      },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"query":"Paris"}' } },
      { type: "content_block_stop", index: 1 },
    ];
    const textBlockOne = events.findIndex((event) => (event as { index?: number }).index === 1);
    events.splice(textBlockOne, 2, ...serverTool);
    server.answer({ events });
    const TravelAgent = travelAgentFor(server.client);
    const stream = new TravelAgent({ question: QUESTION }).stream();
    const withDeltas: string[] = [];
    for await (const item of stream)
      if (item.kind === undefined && item.toolCallDeltas !== undefined) withDeltas.push(labelOf(item));
    expect(withDeltas).toEqual([
      "content_block_start 2",
      ...Array(4).fill("content_block_delta 2"),
      "content_block_stop 2",
    ]);
    const response = await stream.response();
    expect(response.toolCalls).toEqual([
      { id: "toolu_weather", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: WEATHER.input },
    ]);
  });
});
