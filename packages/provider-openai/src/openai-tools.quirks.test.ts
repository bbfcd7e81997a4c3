/**
 * How OpenAI-compatible servers stream tool calls differently from OpenAI, each replayed from a
 * loopback server through the real `openai` SDK: the calls must come out the same.
 */
import { createOpenAIToolCallChunks } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { OpenAIPrompt } from "./index.js";
import {
  getTime,
  getWeather,
  itemsOf,
  rollDice,
  toolCallCompletion,
  useToolServer,
} from "./openai-tools.test-support.js";

const tools = useToolServer();

class Ask extends OpenAIPrompt({
  template: "Weather in Paris, time in Tokyo, and roll a die",
  tools: [getWeather, getTime, rollDice],
  client: { baseURL: "http://127.0.0.1:9/v1", apiKey: "unused", maxRetries: 0 },
}) {}

function ask() {
  return new Ask(undefined, { client: tools.client });
}

const PARIS = { id: "call_paris", name: "get_weather", arguments: '{"city":"Paris","unit":"f"}' };
const TOKYO = { id: "call_tokyo", name: "get_time", arguments: '{"zone":"Asia/Tokyo"}' };
const EXPECTED_CALLS = [
  { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "f" }, argsText: PARIS.arguments },
  { id: "call_tokyo", name: "get_time", args: { zone: "Asia/Tokyo" }, argsText: TOKYO.arguments },
];

/** One chunk of fragments, as a compatible server may write it (no `type`, fields left out). */
function fragmentsChunk(...fragments: object[]): object {
  return {
    id: "chatcmpl-quirk",
    object: "chat.completion.chunk",
    created: 1,
    model: "compat",
    choices: [{ index: 0, delta: { tool_calls: fragments }, finish_reason: null }],
  };
}

function finishChunk(reason: string): object {
  return {
    id: "chatcmpl-quirk",
    object: "chat.completion.chunk",
    created: 1,
    model: "compat",
    choices: [{ index: 0, delta: {}, finish_reason: reason }],
  };
}

describe("OpenAI-compatible servers' tool calls", () => {
  it("treats a fragment without index as continuing the last call (servers that send index on the first fragment only)", async () => {
    tools.queue({ chunks: createOpenAIToolCallChunks([PARIS, TOKYO], { index: "first-fragment" }) });
    const stream = ask().stream();
    const items = await itemsOf(stream);
    expect(items.filter((item) => item !== "chunk")).toEqual(["tool-call:get_weather", "tool-call:get_time"]);
    expect((await stream.response()).toolCalls).toEqual(EXPECTED_CALLS);
  });

  it("starts a new call on a fragment with a new id and no index (servers that never send index)", async () => {
    tools.queue({ chunks: createOpenAIToolCallChunks([PARIS, TOKYO], { index: "never" }) });
    const response = await ask().stream().response();
    expect(response.toolCalls).toEqual(EXPECTED_CALLS);
    expect(response.invalidToolCalls).toEqual([]);
  });

  it("keeps one call per id when a server repeats the id and name on every fragment, with or without index", async () => {
    for (const index of ["every-fragment", "never"] as const) {
      tools.queue({ chunks: createOpenAIToolCallChunks([PARIS, TOKYO], { index, repeatId: true }) });
      const response = await ask().stream().response();
      expect(response.toolCalls).toEqual(EXPECTED_CALLS);
      expect(response.message.toolCalls).toHaveLength(2);
    }
  });

  it('reports finishReason "tool_calls" when a server says "stop" after tool calls, keeping "stop" as the raw reason', async () => {
    tools.queue({ chunks: createOpenAIToolCallChunks([PARIS], { finishReason: "stop" }) });
    const response = await ask().stream().response();
    expect(response.finishReason).toBe("tool_calls");
    expect(response.rawFinishReason).toBe("stop");
    expect(response.toolCalls).toEqual([EXPECTED_CALLS[0]]);

    tools.queue({ json: toolCallCompletion([PARIS], { finishReason: "stop" }) });
    const called = await ask().call();
    expect(called.finishReason).toBe("tool_calls");
    expect(called.rawFinishReason).toBe("stop");
    expect(called.toolCalls).toEqual([EXPECTED_CALLS[0]]);
  });

  it("reads Azure's empty first chunk (choices: []) as carrying no tool call", async () => {
    const azureFirst = { id: "", object: "", created: 0, model: "", choices: [], prompt_filter_results: [] };
    tools.queue({ chunks: [azureFirst, ...createOpenAIToolCallChunks([PARIS, TOKYO], { id: "chatcmpl-azure" })] });
    const stream = ask().stream();
    const items = await itemsOf(stream);
    const response = await stream.response();
    expect(items[0]).toBe("chunk");
    expect(response.toolCalls).toEqual(EXPECTED_CALLS);
    expect(response.id).toBe("chatcmpl-azure");
  });

  it('gives a call with no arguments ("" or absent) empty args, and sends it back as "{}"', async () => {
    const empty = { id: "call_empty", name: "roll_dice", arguments: "" };
    const absent = { id: "call_absent", name: "roll_dice" };
    tools.queue({ chunks: createOpenAIToolCallChunks([empty, absent, TOKYO]) });
    const response = await ask().stream().response();
    expect(response.invalidToolCalls).toEqual([]);
    // By id: core completes a call without arguments only at the end (a core issue, reported).
    const byId = new Map(response.toolCalls.map((call) => [call.id, call]));
    expect(byId.get("call_empty")).toEqual({ id: "call_empty", name: "roll_dice", args: {}, argsText: "" });
    expect(byId.get("call_absent")).toEqual({ id: "call_absent", name: "roll_dice", args: {}, argsText: "" });
    expect(byId.get("call_tokyo")).toEqual(EXPECTED_CALLS[1]);

    tools.queue({ json: toolCallCompletion([{ id: "call_later", name: "get_time", arguments: '{"zone":"UTC"}' }]) });
    class Continue extends OpenAIPrompt({
      template: "MESSAGES: {history}",
      tools: [getWeather, getTime, rollDice],
      client: tools.client,
    }) {}
    await new Continue({ history: [{ role: "user", content: "Roll" }, response.message] }).call();
    const sent = (tools.bodies().at(-1) as { messages: Array<{ tool_calls?: Array<{ function: object }> }> }).messages;
    expect(sent[1]?.tool_calls?.map((call) => call.function)).toEqual(
      response.message.toolCalls?.map((call) =>
        call.name === "roll_dice"
          ? { name: "roll_dice", arguments: "{}" }
          : { name: call.name, arguments: call.argsText },
      ),
    );
  });

  it("takes the whole arguments sent in one fragment beside the id and name", async () => {
    tools.queue({
      chunks: createOpenAIToolCallChunks([
        { ...PARIS, whole: true },
        { ...TOKYO, whole: true },
      ]),
    });
    const stream = ask().stream();
    const items = await itemsOf(stream);
    // One fragment per call: Paris completes on Tokyo's chunk, Tokyo at the end.
    expect(items.filter((item) => item !== "chunk")).toEqual(["tool-call:get_weather", "tool-call:get_time"]);
    expect((await stream.response()).toolCalls).toEqual(EXPECTED_CALLS);
  });

  it("keeps several parallel calls apart and in order, each yielded as it completes", async () => {
    const cities = ["Paris", "London", "Rome", "Oslo"];
    const calls = cities.map((city, i) => ({
      id: `call_${i}`,
      name: "get_weather",
      arguments: JSON.stringify({ city }),
    }));
    tools.queue({
      chunks: createOpenAIToolCallChunks([...calls, TOKYO], { splitArguments: (text) => text.split("") }),
    });
    const stream = ask().stream();
    const items = await itemsOf(stream);
    const response = await stream.response();
    expect(items.filter((item) => item !== "chunk")).toEqual([
      ...cities.map(() => "tool-call:get_weather"),
      "tool-call:get_time",
    ]);
    expect(response.toolCalls.map((call) => [call.id, call.args])).toEqual([
      ...cities.map((city, i) => [`call_${i}`, { city, unit: "c" }]),
      ["call_tokyo", { zone: "Asia/Tokyo" }],
    ]);
  });

  it("numbers calls densely when a server starts its index at 1, or gives every call index 0 with its own id", async () => {
    const fromOne = [
      fragmentsChunk({ index: 1, id: "call_paris", function: { name: "get_weather", arguments: '{"city":' } }),
      fragmentsChunk({ index: 1, function: { arguments: '"Paris","unit":"f"}' } }),
      fragmentsChunk({ index: 2, id: "call_tokyo", function: { name: "get_time", arguments: TOKYO.arguments } }),
      finishChunk("tool_calls"),
    ];
    const allZero = [
      fragmentsChunk({ index: 0, id: "call_paris", function: { name: "get_weather", arguments: PARIS.arguments } }),
      fragmentsChunk({ index: 0, id: "call_tokyo", function: { name: "get_time", arguments: TOKYO.arguments } }),
      finishChunk("tool_calls"),
    ];
    for (const chunks of [fromOne, allZero]) {
      tools.queue({ chunks });
      const response = await ask().stream().response();
      expect(response.toolCalls).toEqual(EXPECTED_CALLS);
      expect(response.invalidToolCalls).toEqual([]);
    }
  });

  it("assembles the calls of OpenAI's native tools in response().completion, fragments without index included", async () => {
    class Native extends OpenAIPrompt({ template: "Weather?", client: tools.client }) {}
    tools.queue({ chunks: createOpenAIToolCallChunks([PARIS, TOKYO], { index: "first-fragment" }) });
    const native = { type: "function", function: { name: "get_weather", parameters: { type: "object" } } } as const;
    const response = await new Native().stream({ tools: [native] }).response();
    expect(response.completion.choices[0]?.message.tool_calls).toEqual([
      { id: "call_paris", type: "function", function: { name: "get_weather", arguments: PARIS.arguments } },
      { id: "call_tokyo", type: "function", function: { name: "get_time", arguments: TOKYO.arguments } },
    ]);
    expect(response.finishReason).toBe("tool_calls");
  });
});
