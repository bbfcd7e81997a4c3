/**
 * What a prompt with tools sends: `tools`, `tool_choice` and `parallel_tool_calls`, and how they
 * sit beside OpenAI's native fields, checked on the body the real `openai` SDK sent to a loopback
 * server.
 */
import { CallParamsError, defineTool, jsonSchema, type ToolChoice } from "@promptstream/core";
import { thrownBy } from "@promptstream/testing";
import type { ChatCompletionAllowedToolChoice } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { type OpenAICallParams, OpenAIPrompt } from "./index.js";
import {
  expectRequests,
  getTime,
  getWeather,
  STREAM_FIELDS,
  streamedBodyOf,
  TIME_TOOL,
  toolCallCompletion,
  useToolServer,
  WEATHER_TOOL,
} from "./openai-tools.test-support.js";

const tools = useToolServer();

const USER_MESSAGE = { role: "user", content: "What is the weather in Paris?" };

function weatherPrompt(callParams?: OpenAICallParams) {
  return class Weather extends OpenAIPrompt({
    template: "What is the weather in Paris?",
    tools: [getWeather, getTime],
    client: tools.client,
    callParams,
  }) {};
}

function bodyOf(send: () => { text(): Promise<string> }): Promise<unknown> {
  return streamedBodyOf(tools, send);
}

/** Calls without streaming on a text answer, and returns the one body sent. */
async function callBodyOf(send: () => Promise<unknown>): Promise<unknown> {
  tools.queue({
    json: {
      ...toolCallCompletion([]),
      choices: [{ index: 0, message: { role: "assistant", content: "Sunny." }, finish_reason: "stop" }],
    },
  });
  await send();
  return expectRequests(tools, 1)[0];
}

describe("the tools in the request body", () => {
  it("sends each tool as a function with its name, description (when it has one) and JSON Schema", async () => {
    const Weather = weatherPrompt();
    expect(await bodyOf(() => new Weather().stream())).toEqual({
      model: "gpt-4o-mini",
      messages: [USER_MESSAGE],
      tools: [WEATHER_TOOL, TIME_TOOL],
      ...STREAM_FIELDS,
    });
  });

  it.each<[ToolChoice, unknown]>([
    ["auto", "auto"],
    ["none", "none"],
    ["required", "required"],
    [{ name: "get_time" }, { type: "function", function: { name: "get_time" } }],
  ])("sends toolChoice %j as tool_choice %j", async (toolChoice, sent) => {
    const Weather = weatherPrompt();
    const body = await bodyOf(() => new Weather().stream({ toolChoice }));
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [USER_MESSAGE],
      tools: [WEATHER_TOOL, TIME_TOOL],
      tool_choice: sent,
      ...STREAM_FIELDS,
    });
  });

  it("sends parallelToolCalls as parallel_tool_calls, false and true alike, and never the neutral names", async () => {
    for (const parallelToolCalls of [false, true]) {
      const Weather = weatherPrompt({ parallelToolCalls, toolChoice: "required" });
      const body = await callBodyOf(() => new Weather().call());
      expect(body).toEqual({
        model: "gpt-4o-mini",
        messages: [USER_MESSAGE],
        tools: [WEATHER_TOOL, TIME_TOOL],
        tool_choice: "required",
        parallel_tool_calls: parallelToolCalls,
        stream: false,
      });
      tools.reset();
    }
  });

  it("sends strict: false when a tool asks for it, and a JSON Schema given as is", async () => {
    const lookup = defineTool({
      name: "lookup",
      parameters: jsonSchema<{ q: string }>({ type: "object", properties: { q: { type: "string" } } }),
      strict: false,
    });
    class Lookup extends OpenAIPrompt({ template: "Look it up", tools: [lookup], client: tools.client }) {}
    const body = (await bodyOf(() => new Lookup().stream())) as { tools: unknown };
    expect(body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "lookup",
          parameters: { type: "object", properties: { q: { type: "string" } } },
          strict: false,
        },
      },
    ]);
  });
});

describe("the prompt's tools beside OpenAI's native fields", () => {
  it("refuses native tools beside the prompt's tools from stream(), before sending, naming both", async () => {
    const Weather = weatherPrompt();
    const native = { type: "function", function: { name: "find_recipe", parameters: { type: "object" } } } as const;
    const failure = thrownBy(() => new Weather().stream({ tools: [native] }));
    expect(failure).toBeInstanceOf(CallParamsError);
    expect(failure).toMatchObject({ code: "invalid_param", param: "tools", provider: "openai" });
    expect((failure as Error).message).toMatch(/prompt has `tools`.*native `tools`/);
    await expect(new Weather().call({ tools: [native] })).rejects.toBeInstanceOf(CallParamsError);
    expectRequests(tools, 0);
  });

  it("refuses a neutral param beside the native field that says the same", async () => {
    const Weather = weatherPrompt();
    await expect(new Weather().call({ toolChoice: "auto", tool_choice: "none" })).rejects.toMatchObject({
      code: "invalid_param",
      param: "toolChoice",
    });
    await expect(new Weather().call({ parallelToolCalls: true, parallel_tool_calls: false })).rejects.toMatchObject({
      code: "invalid_param",
      param: "parallelToolCalls",
    });
    expectRequests(tools, 0);
  });

  it("passes a native tool_choice through beside the prompt's tools when no toolChoice is set", async () => {
    const Weather = weatherPrompt();
    const allowed: ChatCompletionAllowedToolChoice = {
      type: "allowed_tools",
      allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "get_time" } }] },
    };
    const body = (await bodyOf(() => new Weather().stream({ tool_choice: allowed }))) as Record<string, unknown>;
    expect(body.tool_choice).toEqual(allowed);
    expect(body.tools).toEqual([WEATHER_TOOL, TIME_TOOL]);
  });

  it("keeps native tools, tool_choice and parallel_tool_calls working for a prompt without tools", async () => {
    class Plain extends OpenAIPrompt({ template: "What is the weather in Paris?", client: tools.client }) {}
    const body = await bodyOf(() =>
      new Plain().stream({ tools: [WEATHER_TOOL as never], tool_choice: "required", parallel_tool_calls: false }),
    );
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [USER_MESSAGE],
      tools: [WEATHER_TOOL],
      tool_choice: "required",
      parallel_tool_calls: false,
      ...STREAM_FIELDS,
    });
  });
});
