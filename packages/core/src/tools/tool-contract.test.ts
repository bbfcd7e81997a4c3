/**
 * What core checks before sending a prompt with tools, and what it hands the adapter: tools only
 * to an adapter that supports them, tool params only with tools, and the tools as `ToolSpec`s.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CallParamsError, definePrompt, defineTool, jsonSchema, type Message } from "../index.js";
import { rejectionOf, thrownBy } from "../test-support.js";
import { answerStep, createToolAdapter } from "./tool-adapter.test-support.js";

const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string() }),
  strict: true,
});
const search = defineTool({ name: "search", parameters: jsonSchema<{ query: string }>({ type: "object" }) });

const toolHistory: Message[] = [
  { role: "user", content: "Weather in Paris?" },
  { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "get_weather", args: { city: "Paris" } }] },
  { role: "tool", toolCallId: "call_1", toolName: "get_weather", content: { temp: 21 } },
];

describe("tools on an adapter without supportsTools", () => {
  it("refuses a prompt with tools before sending, from stream() and call()", async () => {
    const adapter = createToolAdapter({ supportsTools: false, streams: [answerStep("hi")] });
    class Weather extends definePrompt(adapter)({ template: "Weather in {city}?", tools: [getWeather] }) {}
    const weather = new Weather({ city: "Paris" });
    const error = thrownBy(() => weather.stream());
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param: "tools", provider: "memory" });
    expect((error as CallParamsError).message).toContain("supportsTools");
    expect(await rejectionOf(weather.call())).toMatchObject({ code: "unsupported_param", param: "tools" });
    expect(adapter.requests).toEqual([]);
  });

  it("refuses a history with tool calls or results before sending", async () => {
    const adapter = createToolAdapter({ supportsTools: false });
    class Chat extends definePrompt(adapter)({ template: "MESSAGES: {history}" }) {}
    for (const history of [toolHistory.slice(0, 2), [toolHistory[0], toolHistory[2]] as Message[]]) {
      const error = thrownBy(() => new Chat({ history }).stream());
      expect(error).toMatchObject({ name: "CallParamsError", code: "unsupported_param", param: "tools" });
    }
    expect(adapter.requests).toEqual([]);
  });

  it("sends a history without tool messages, and an assistant message with an empty toolCalls list", async () => {
    const adapter = createToolAdapter({ supportsTools: false, streams: [answerStep("fine")] });
    class Chat extends definePrompt(adapter)({ template: "MESSAGES: {history}" }) {}
    const history: Message[] = [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello", toolCalls: [] },
    ];
    expect(await new Chat({ history }).stream().text()).toBe("fine");
    expect(adapter.requests[0]?.tools).toBeUndefined();
  });
});

describe("tool params", () => {
  it.each([
    ["toolChoice", { toolChoice: "required" as const }],
    ["parallelToolCalls", { parallelToolCalls: false }],
  ])("refuses %s on a prompt without tools, before sending", async (param, callParams) => {
    const adapter = createToolAdapter({ streams: [answerStep("hi")] });
    class Plain extends definePrompt(adapter)({ template: "Hello" }) {}
    const error = thrownBy(() => new Plain().stream(callParams));
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "invalid_param", param });
    expect(await rejectionOf(new Plain().call(callParams))).toMatchObject({ code: "invalid_param", param });
    expect(adapter.requests).toEqual([]);
  });

  it("refuses a toolChoice naming a tool the prompt does not have, naming the ones it has", () => {
    const adapter = createToolAdapter();
    class Weather extends definePrompt(adapter)({ template: "Weather?", tools: [getWeather, search] }) {}
    const error = thrownBy(() => new Weather().stream({ toolChoice: { name: "get_time" } }));
    expect(error).toMatchObject({ name: "CallParamsError", code: "invalid_param", param: "toolChoice" });
    expect((error as CallParamsError).message).toContain("(get_weather, search)");
    expect(adapter.requests).toEqual([]);
  });

  it("passes toolChoice and parallelToolCalls on to the adapter with the prompt's tools", async () => {
    const adapter = createToolAdapter({ streams: [answerStep("ok"), answerStep("ok")] });
    class Weather extends definePrompt(adapter)({
      template: "Weather?",
      tools: [getWeather, search],
      callParams: { parallelToolCalls: false },
    }) {}
    await new Weather().stream({ toolChoice: { name: "search" } }).text();
    await new Weather().stream({ toolChoice: "none" }).text();
    expect(adapter.requests.map(({ params }) => params)).toEqual([
      { parallelToolCalls: false, toolChoice: { name: "search" } },
      { parallelToolCalls: false, toolChoice: "none" },
    ]);
  });
});

describe("the request an adapter receives", () => {
  it("holds the prompt's tools as ToolSpecs, for a stream and a call", async () => {
    const adapter = createToolAdapter({ streams: [answerStep("ok")], calls: [{ content: "ok" }] });
    class Weather extends definePrompt(adapter)({ template: "Weather?", tools: [getWeather, search] }) {}
    await new Weather().stream().text();
    await new Weather().call();
    const specs = [
      {
        name: "get_weather",
        description: "Current weather for a city",
        parameters: {
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
        },
        strict: true,
      },
      { name: "search", description: undefined, parameters: { type: "object" }, strict: undefined },
    ];
    expect(adapter.requests.map(({ kind, tools }) => ({ kind, tools }))).toEqual([
      { kind: "stream", tools: specs },
      { kind: "call", tools: specs },
    ]);
  });

  it("has no tools for a prompt without any, and sends a tool history as it is to an adapter with tools", async () => {
    const adapter = createToolAdapter({ streams: [answerStep("It is 21 degrees.")] });
    class Chat extends definePrompt(adapter)({ template: "MESSAGES: {history}" }) {}
    await new Chat({ history: toolHistory }).stream().text();
    expect(adapter.requests[0]?.tools).toBeUndefined();
    expect(adapter.requests[0]?.messages).toEqual(toolHistory);
  });
});
