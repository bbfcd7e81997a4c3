/**
 * Tool calls of a non-streamed `call()`, and core's tool loop run through the real `openai` SDK:
 * each step's request, exactly, with the calls and results of the steps before it.
 */
import { defineTool } from "@promptstream/core";
import { createOpenAIToolCallChunks } from "@promptstream/testing";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import {
  expectRequests,
  getTime,
  getWeather,
  itemsOf,
  STREAM_FIELDS,
  TIME_TOOL,
  toolCallCompletion,
  useToolServer,
  WEATHER_TOOL,
} from "./openai-tools.test-support.js";

const tools = useToolServer();

const USER_MESSAGE = { role: "user", content: "Weather in Paris and London, and the time in Tokyo?" };
const PARIS = { id: "call_paris", name: "get_weather", arguments: '{"city":"Paris"}' };
const TOKYO = { id: "call_tokyo", name: "get_time", arguments: '{"zone":"Asia/Tokyo"}' };
const LONDON = { id: "call_london", name: "get_weather", arguments: '{"city":"London","unit":"f"}' };

function callOf({ id, name, arguments: args }: { id: string; name: string; arguments: string }) {
  return { id, type: "function", function: { name, arguments: args } };
}

describe("call() with tool calls", () => {
  it("resolves to the typed, validated calls, with the message that records them and the raw calls", async () => {
    tools.queue({ json: toolCallCompletion([PARIS, TOKYO], { content: "Checking." }) });
    class Ask extends OpenAIPrompt({
      template: USER_MESSAGE.content,
      tools: [getWeather, getTime],
      client: tools.client,
    }) {}
    const response = await new Ask().call({ toolChoice: "required" });

    expect(response.toolCalls).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: PARIS.arguments },
      { id: "call_tokyo", name: "get_time", args: { zone: "Asia/Tokyo" }, argsText: TOKYO.arguments },
    ]);
    const [first] = response.toolCalls;
    if (first?.name === "get_weather") expectTypeOf(first.args).toEqualTypeOf<{ city: string; unit: "c" | "f" }>();
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.rawToolCalls).toEqual([
      { id: "call_paris", name: "get_weather", argsText: PARIS.arguments },
      { id: "call_tokyo", name: "get_time", argsText: TOKYO.arguments },
    ]);
    expect(response.finishReason).toBe("tool_calls");
    expect(response.content).toBe("Checking.");
    expect(response.message).toEqual({
      role: "assistant",
      content: "Checking.",
      toolCalls: [
        { id: "call_paris", name: "get_weather", args: { city: "Paris" }, argsText: PARIS.arguments },
        { id: "call_tokyo", name: "get_time", args: { zone: "Asia/Tokyo" }, argsText: TOKYO.arguments },
      ],
    });
    expect(response.steps).toHaveLength(1);
    expect(expectRequests(tools, 1)).toEqual([
      {
        model: "gpt-4o-mini",
        messages: [USER_MESSAGE],
        tools: [WEATHER_TOOL, TIME_TOOL],
        tool_choice: "required",
        stream: false,
      },
    ]);
  });
});

describe("the tool loop", () => {
  const received: unknown[] = [];
  const weather = defineTool({
    name: "get_weather",
    description: "Current weather for a city",
    parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
    execute: ({ city, unit }) => {
      received.push({ city, unit });
      return { city, temperature: unit === "c" ? 21 : 70, sky: "clear" };
    },
  });
  const time = defineTool({
    name: "get_time",
    parameters: z.object({ zone: z.string() }),
    execute: ({ zone }) => {
      if (zone === "Mars/Olympus") throw new Error(`Unknown zone: ${zone}`);
      return "09:00";
    },
  });
  class Travel extends OpenAIPrompt({
    template: USER_MESSAGE.content,
    tools: [weather, time],
    maxSteps: 3,
    client: { baseURL: "http://127.0.0.1:9/v1", apiKey: "unused", maxRetries: 0 },
  }) {}

  beforeEach(() => {
    received.length = 0;
  });

  it("runs each step's calls and sends their results back, step after step, with maxSteps: 3", async () => {
    tools.queue(
      { chunks: createOpenAIToolCallChunks([PARIS, TOKYO], { usage: { prompt_tokens: 10, completion_tokens: 5 } }) },
      {
        chunks: createOpenAIToolCallChunks(["One more.", LONDON], {
          usage: { prompt_tokens: 20, completion_tokens: 6 },
        }),
      },
      {
        chunks: createOpenAIToolCallChunks(["Sunny in both; 09:00 in Tokyo."], {
          usage: { prompt_tokens: 30, completion_tokens: 7 },
        }),
      },
    );
    const stream = new Travel(undefined, { client: tools.client }).stream();
    const items = await itemsOf(stream);
    const response = await stream.response();

    const assistantStep0 = { role: "assistant", content: null, tool_calls: [callOf(PARIS), callOf(TOKYO)] };
    const resultsStep0 = [
      { role: "tool", tool_call_id: "call_paris", content: '{"city":"Paris","temperature":21,"sky":"clear"}' },
      { role: "tool", tool_call_id: "call_tokyo", content: "09:00" },
    ];
    const assistantStep1 = { role: "assistant", content: "One more.", tool_calls: [callOf(LONDON)] };
    const resultsStep1 = [
      { role: "tool", tool_call_id: "call_london", content: '{"city":"London","temperature":70,"sky":"clear"}' },
    ];
    const request = (messages: unknown[]) => ({
      model: "gpt-4o-mini",
      messages,
      tools: [WEATHER_TOOL, TIME_TOOL],
      ...STREAM_FIELDS,
    });
    expect(expectRequests(tools, 3)).toEqual([
      request([USER_MESSAGE]),
      request([USER_MESSAGE, assistantStep0, ...resultsStep0]),
      request([USER_MESSAGE, assistantStep0, ...resultsStep0, assistantStep1, ...resultsStep1]),
    ]);

    expect(received).toEqual([
      { city: "Paris", unit: "c" },
      { city: "London", unit: "f" },
    ]);
    expect(items.filter((item) => item !== "chunk")).toEqual([
      "step-start",
      "tool-call:get_weather",
      "tool-call:get_time",
      "tool-result:get_weather",
      "tool-result:get_time",
      "step-finish",
      "step-start",
      "tool-call:get_weather",
      "tool-result:get_weather",
      "step-finish",
      "step-start",
      "step-finish",
    ]);
    expect(response.content).toBe("Sunny in both; 09:00 in Tokyo.");
    expect(response.finishReason).toBe("stop");
    expect(response.toolCalls).toEqual([]);
    expect(response.steps.map((step) => [step.content, step.toolCalls.map((call) => call.id)])).toEqual([
      ["", ["call_paris", "call_tokyo"]],
      ["One more.", ["call_london"]],
      ["Sunny in both; 09:00 in Tokyo.", []],
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 60, outputTokens: 18, totalTokens: 78 });
  });

  it("sends a tool's error as the call's result (OpenAI has no error flag) and an invalid call's error too", async () => {
    tools.queue(
      {
        chunks: createOpenAIToolCallChunks([
          { id: "call_mars", name: "get_time", arguments: '{"zone":"Mars/Olympus"}' },
          { id: "call_bad", name: "get_weather", arguments: '{"town":"Paris"}' },
        ]),
      },
      { chunks: createOpenAIToolCallChunks(["Sorry."]) },
    );
    const response = await new Travel(undefined, { client: tools.client }).call();
    const [, second] = expectRequests(tools, 2) as Array<{ messages: Array<{ role: string; content: unknown }> }>;
    const results = second?.messages.filter((message) => message.role === "tool");
    expect(results?.[0]).toEqual({ role: "tool", tool_call_id: "call_mars", content: "Unknown zone: Mars/Olympus" });
    expect(results?.[1]).toMatchObject({ role: "tool", tool_call_id: "call_bad" });
    expect(String(results?.[1]?.content)).toContain('The arguments of "get_weather" do not fit its schema');
    expect(response.content).toBe("Sorry.");
    expect(response.steps).toHaveLength(2);
  });

  it("stops after maxSteps requests, leaving the last step's calls unrun in toolCalls", async () => {
    tools.queue(
      { chunks: createOpenAIToolCallChunks([PARIS]) },
      { chunks: createOpenAIToolCallChunks([LONDON]) },
      { chunks: createOpenAIToolCallChunks([{ ...PARIS, id: "call_paris_again" }]) },
    );
    const response = await new Travel(undefined, { client: tools.client }).stream().response();
    expectRequests(tools, 3);
    expect(received).toEqual([
      { city: "Paris", unit: "c" },
      { city: "London", unit: "f" },
    ]);
    expect(response.toolCalls.map((call) => call.id)).toEqual(["call_paris_again"]);
    expect(response.finishReason).toBe("tool_calls");
  });
});
