/**
 * A prompt with tools, without the tool loop: the stream yields each call once complete, the
 * response holds the calls (valid and not), the message carrying them and one step.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt, defineTool, type StandardSchemaV1, ToolCallError } from "../index.js";
import {
  type CallScript,
  callDeltas,
  createToolAdapter,
  labelsOf,
  type StreamScript,
  usage,
} from "./tool-adapter.test-support.js";

const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
});

/** A Standard Schema whose validation is asynchronous, as a validator that looks things up may be. */
const knownCity: StandardSchemaV1<{ city: string }> & { "~standard": { jsonSchema: unknown } } = {
  "~standard": {
    version: 1,
    vendor: "custom",
    validate: async (value) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const city = (value as { city?: unknown }).city;
      return city === "Paris" ? { value: { city } } : { issues: [{ message: "unknown city", path: ["city"] }] };
    },
    jsonSchema: { input: () => ({ type: "object", properties: { city: { type: "string" } } }) },
  },
};
const findHotel = defineTool({ name: "find_hotel", parameters: knownCity });

function promptOver(options: { streams?: StreamScript[]; calls?: CallScript[] }) {
  const adapter = createToolAdapter(options);
  const ToolPrompt = definePrompt(adapter);
  class Planner extends ToolPrompt({ template: "Plan a trip to {city}", tools: [getWeather, findHotel] }) {}
  return { adapter, prompt: new Planner({ city: "Paris" }) };
}

const paris = { id: "call_1", name: "get_weather", args: '{"city":"Paris"}' };
const london = { id: "call_2", name: "get_weather", args: '{"city":"London","unit":"f"}' };

describe("a stream with tool calls", () => {
  it("keeps text before, between and after the calls in content, in order, each call's part after the chunk that completed it", async () => {
    const { prompt } = promptOver({
      streams: [
        [
          { content: "Let me " },
          { content: "check. ", toolCallDeltas: callDeltas(0, paris, 2, true) },
          { content: "And " },
          { toolCallDeltas: callDeltas(1, london, 3) },
          { content: "done.", finishReason: "tool_calls", usage: usage(10, 5) },
        ],
      ],
    });
    const stream = prompt.stream();
    expect(await labelsOf(stream)).toEqual([
      "text:Let me ",
      "text:check. ",
      "tool-call:call_1",
      "text:And ",
      "chunk",
      "text:done.",
      "tool-call:call_2",
    ]);
    const response = await stream.response();
    expect(response.content).toBe("Let me check. And done.");
    expect(response.finishReason).toBe("tool_calls");
    expect(response.usage).toEqual(usage(10, 5));
    expect(response.toolCalls).toEqual([
      { id: "call_1", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: paris.args },
      { id: "call_2", name: "get_weather", args: { city: "London", unit: "f" }, argsText: london.args },
    ]);
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.steps).toEqual([
      {
        step: 0,
        content: "Let me check. And done.",
        finishReason: "tool_calls",
        usage: usage(10, 5),
        toolCalls: response.toolCalls,
        invalidToolCalls: [],
        toolResults: [],
      },
    ]);
  });

  it("reports an unknown tool, arguments that are not JSON and arguments the schema refuses as invalid calls, without failing", async () => {
    const { prompt } = promptOver({
      streams: [
        [
          { toolCallDeltas: callDeltas(0, { id: "call_a", name: "book_flight", args: '{"to":"Rome"}' }) },
          { toolCallDeltas: callDeltas(1, { id: "call_b", name: "get_weather", args: '{"city":' }) },
          { toolCallDeltas: [{ index: 1, argsTextDelta: "", done: true }] },
          { toolCallDeltas: callDeltas(2, { id: "call_c", name: "get_weather", args: '{"city":7}' }) },
          { toolCallDeltas: callDeltas(3, paris) },
          { finishReason: "stop", rawFinishReason: "end_turn" },
        ],
      ],
    });
    const stream = prompt.stream();
    expect(await labelsOf(stream)).toEqual([
      "chunk",
      "chunk",
      "tool-call-error:call_a",
      "chunk",
      "tool-call-error:call_b",
      "chunk",
      "chunk",
      "tool-call-error:call_c",
      "chunk",
      "tool-call:call_1",
    ]);
    const response = await stream.response();
    expect(response.toolCalls.map(({ id }) => id)).toEqual(["call_1"]);
    const [unknown, notJson, refused] = response.invalidToolCalls;
    expect(unknown?.error).toBeInstanceOf(ToolCallError);
    expect(unknown).toMatchObject({ id: "call_a", name: "book_flight", argsText: '{"to":"Rome"}' });
    expect(unknown?.error).toMatchObject({
      code: "unknown_tool",
      toolName: "book_flight",
      toolCallId: "call_a",
      argsText: '{"to":"Rome"}',
      issues: [],
    });
    expect(unknown?.error.message).toContain('"get_weather", "find_hotel"');
    expect(notJson?.error).toMatchObject({ code: "invalid_json", toolName: "get_weather", argsText: '{"city":' });
    expect(notJson?.error.cause).toBeInstanceOf(SyntaxError);
    expect(refused?.error).toMatchObject({
      code: "invalid_arguments",
      toolName: "get_weather",
      argsText: '{"city":7}',
    });
    expect(refused?.error.issues).toEqual([expect.objectContaining({ path: ["city"] })]);
    expect(refused?.error.message).toMatch(/^The arguments of "get_weather" do not fit its schema: city: /);
    // The message records every call, in order, with the arguments as the model wrote them.
    expect(response.message).toEqual({
      role: "assistant",
      content: "",
      toolCalls: [
        { id: "call_a", name: "book_flight", args: { to: "Rome" }, argsText: '{"to":"Rome"}' },
        { id: "call_b", name: "get_weather", args: {}, argsText: '{"city":' },
        { id: "call_c", name: "get_weather", args: { city: 7 }, argsText: '{"city":7}' },
        { id: "call_1", name: "get_weather", args: { city: "Paris" }, argsText: paris.args },
      ],
    });
    expect(response.finishReason).toBe("tool_calls");
    expect(response.rawFinishReason).toBe("end_turn");
  });

  it("keeps a stop finish and the message without toolCalls when the model called no tool", async () => {
    const { prompt } = promptOver({ streams: [[{ content: "Sunny." }, { finishReason: "stop" }]] });
    const response = await prompt.stream().response();
    expect(response.finishReason).toBe("stop");
    expect(response.message).toEqual({ role: "assistant", content: "Sunny." });
    expect(response.toolCalls).toEqual([]);
    expect(response.steps).toHaveLength(1);
  });

  it("validates with an asynchronous validator, keeping each part before the chunks after it", async () => {
    const { prompt } = promptOver({
      streams: [
        [
          { toolCallDeltas: callDeltas(0, { id: "h1", name: "find_hotel", args: '{"city":"Paris"}' }, 1, true) },
          { content: "and " },
          { toolCallDeltas: callDeltas(1, { id: "h2", name: "find_hotel", args: '{"city":"Atlantis"}' }, 1, true) },
          { content: "more" },
        ],
      ],
    });
    const stream = prompt.stream();
    expect(await labelsOf(stream)).toEqual([
      "chunk",
      "tool-call:h1",
      "text:and ",
      "chunk",
      "tool-call-error:h2",
      "text:more",
    ]);
    const { toolCalls, invalidToolCalls } = await stream.response();
    expect(toolCalls).toEqual([
      { id: "h1", name: "find_hotel", args: { city: "Paris" }, argsText: '{"city":"Paris"}' },
    ]);
    expect(invalidToolCalls[0]?.error).toMatchObject({
      code: "invalid_arguments",
      issues: [{ message: "unknown city" }],
    });
  });

  it("reports a call whose validator throws as an invalid call, and does not leave the stream hanging", async () => {
    const strict = defineTool({
      name: "strict",
      parameters: z.object({ n: z.number() }).refine(() => {
        throw new Error("the refinement itself is broken");
      }),
    });
    const adapter = createToolAdapter({
      streams: [[{ toolCallDeltas: callDeltas(0, { id: "s1", name: "strict", args: '{"n":1}' }) }]],
    });
    class Strict extends definePrompt(adapter)({ template: "Go", tools: [strict] }) {}
    const response = await new Strict().stream().response();
    expect(response.toolCalls).toEqual([]);
    expect(response.invalidToolCalls[0]?.error).toMatchObject({ code: "invalid_arguments", toolName: "strict" });
    expect(response.invalidToolCalls[0]?.error.message).toContain("the refinement itself is broken");
  });

  it("reports a call whose validator throws synchronously as an invalid call, and settles the response", async () => {
    const broken: StandardSchemaV1 & { "~standard": { jsonSchema: unknown } } = {
      "~standard": {
        version: 1,
        vendor: "custom",
        validate: () => {
          throw new TypeError("validator bug");
        },
        jsonSchema: { input: () => ({ type: "object" }) },
      },
    };
    const adapter = createToolAdapter({
      streams: [
        [{ toolCallDeltas: callDeltas(0, { id: "b1", name: "broken", args: "{}" }, 1, true) }, { content: "x" }],
      ],
    });
    class Broken extends definePrompt(adapter)({
      template: "Go",
      tools: [defineTool({ name: "broken", parameters: broken })],
    }) {}
    const stream = new Broken().stream();
    expect(await labelsOf(stream)).toEqual(["chunk", "tool-call-error:b1", "text:x"]);
    const { invalidToolCalls } = await stream.response();
    expect(invalidToolCalls[0]?.error).toMatchObject({ code: "invalid_arguments", toolCallId: "b1" });
    expect(invalidToolCalls[0]?.error.cause).toBeInstanceOf(TypeError);
  }, 2_000);
});

describe("call() with tools", () => {
  it("validates the adapter's rawToolCalls as a stream's calls are", async () => {
    const { adapter, prompt } = promptOver({
      calls: [
        {
          content: "Let me check.",
          rawToolCalls: [
            { id: "call_1", name: "get_weather", argsText: paris.args },
            { id: "call_x", name: "book_flight", argsText: "{}" },
            { id: "call_h", name: "find_hotel", argsText: '{"city":"Atlantis"}' },
            { id: "call_t", name: "get_weather", argsText: "" },
          ],
          finishReason: "stop",
          usage: usage(3, 4),
        },
      ],
    });
    const response = await prompt.call();
    expect(adapter.requests.map(({ kind }) => kind)).toEqual(["call"]);
    expect(response.toolCalls).toEqual([
      { id: "call_1", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: paris.args },
    ]);
    expect(response.invalidToolCalls.map(({ id, error }) => [id, error.code])).toEqual([
      ["call_x", "unknown_tool"],
      ["call_h", "invalid_arguments"],
      ["call_t", "invalid_arguments"],
    ]);
    expect(response.message.toolCalls?.map(({ id, args }) => ({ id, args }))).toEqual([
      { id: "call_1", args: { city: "Paris" } },
      { id: "call_x", args: {} },
      { id: "call_h", args: { city: "Atlantis" } },
      { id: "call_t", args: {} },
    ]);
    expect(response.finishReason).toBe("tool_calls");
    expect(response.steps).toEqual([expect.objectContaining({ step: 0, usage: usage(3, 4), toolResults: [] })]);
  });

  it("answers a call without rawToolCalls with no calls", async () => {
    const { prompt } = promptOver({ calls: [{ content: "Sunny." }] });
    const response = await prompt.call();
    expect(response.toolCalls).toEqual([]);
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.message).toEqual({ role: "assistant", content: "Sunny." });
  });
});
