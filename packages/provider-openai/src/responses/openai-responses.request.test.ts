/**
 * What the Responses adapter sends, read from the body the real `openai` SDK sent to a loopback
 * server: instructions, input items, tools, text.format, params (and the ones it refuses), the
 * tool loop's second request, and `call()` (non-streamed).
 */
import { CallParamsError, defineTool } from "@promptstream/core";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIResponsesPrompt } from "./index.js";
import {
  functionCallEvents,
  RESPONSE_ID,
  type ResponsesScript,
  responseObject,
  textEvents,
  USAGE,
  useResponsesServer,
} from "./openai-responses.test-support.js";

const server = useResponsesServer();

const received: unknown[] = [];
const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
  execute: ({ city, unit }) => {
    received.push({ city, unit });
    return { city, temperature: 21, sky: "clear" };
  },
});

const WEATHER_FUNCTION = {
  type: "function",
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"], default: "c" } },
    required: ["city"],
  },
  strict: false,
};

const TEXT: ResponsesScript = { events: textEvents(["Sunny."]) };

beforeEach(() => {
  received.length = 0;
});

function onlyBody(): Record<string, unknown> {
  const bodies = server.bodies();
  expect(bodies).toHaveLength(1);
  return bodies[0] as Record<string, unknown>;
}

describe("the request the Responses adapter sends", () => {
  it("sends system messages as instructions, the rest as input, and the neutral params under their API names", async () => {
    server.queue(TEXT);
    class Ask extends OpenAIResponsesPrompt({
      template: "SYSTEM: You cook.\nSYSTEM: Be brief.\nUSER: A recipe with {fruit}",
      callParams: { model: "gpt-5-mini", maxTokens: 300, temperature: 0.5, topP: 0.9, store: false },
      client: server.client,
    }) {}
    await new Ask({ fruit: "apples" }).stream().text();
    expect(onlyBody()).toEqual({
      model: "gpt-5-mini",
      instructions: "You cook.\n\nBe brief.",
      input: [{ role: "user", content: "A recipe with apples" }],
      max_output_tokens: 300,
      temperature: 0.5,
      top_p: 0.9,
      store: false,
      stream: true,
    });
  });

  it("passes OpenAI's own fields through, and joins native instructions before the system messages", async () => {
    server.queue(TEXT);
    class Ask extends OpenAIResponsesPrompt({
      template: "SYSTEM: You cook.\nUSER: Hi",
      client: server.client,
    }) {}
    await new Ask()
      .stream({
        instructions: "Answer in French.",
        previous_response_id: "resp_prev",
        include: ["reasoning.encrypted_content"],
        reasoning: { effort: "low" },
        tools: [{ type: "web_search" }],
      })
      .text();
    expect(onlyBody()).toMatchObject({
      instructions: "Answer in French.\n\nYou cook.",
      previous_response_id: "resp_prev",
      include: ["reasoning.encrypted_content"],
      reasoning: { effort: "low", summary: "auto" },
      tools: [{ type: "web_search" }],
    });
  });

  it.each([
    ["stop", { stop: ["END"] }],
    ["seed", { seed: 7 }],
    ["presencePenalty", { presencePenalty: 0.5 }],
    ["frequencyPenalty", { frequencyPenalty: 0.5 }],
  ])("refuses `%s`, which the Responses API has no field for, before sending", async (param, params) => {
    class Ask extends OpenAIResponsesPrompt({ template: "Hi", client: server.client }) {}
    // Refused when the stream is opened, before any request.
    const error = await (async () => new Ask().stream(params).text())().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param, provider: "openai" });
    expect(server.bodies()).toEqual([]);
  });

  it("sends a prompt's tools as flat function tools, with toolChoice and parallelToolCalls", async () => {
    server.queue(TEXT);
    class Ask extends OpenAIResponsesPrompt({ template: "Weather?", tools: [getWeather], client: server.client }) {}
    await new Ask().stream({ toolChoice: { name: "get_weather" }, parallelToolCalls: false }).text();
    expect(onlyBody()).toMatchObject({
      tools: [WEATHER_FUNCTION],
      tool_choice: { type: "function", name: "get_weather" },
      parallel_tool_calls: false,
    });
  });

  it("sends a prompt's output as text.format with the strict schema", async () => {
    const json = '{"name":"Tarte","minutes":40}';
    server.queue({ events: textEvents([json.slice(0, 10), json.slice(10)]) });
    class Recipe extends OpenAIResponsesPrompt({
      template: "A recipe",
      output: { schema: z.object({ name: z.string(), minutes: z.number() }), name: "recipe" },
      client: server.client,
      callParams: { text: { verbosity: "low" } },
    }) {}
    expect(await new Recipe().stream().object()).toEqual({ name: "Tarte", minutes: 40 });
    expect(onlyBody().text).toEqual({
      verbosity: "low",
      format: {
        type: "json_schema",
        name: "recipe",
        strict: true,
        schema: {
          type: "object",
          properties: { name: { type: "string" }, minutes: { type: "number" } },
          required: ["name", "minutes"],
          additionalProperties: false,
        },
      },
    });
  });
});

describe("tool calls", () => {
  it("streams a function call's arguments as tool-call deltas, and finishes with tool_calls", async () => {
    server.queue({ events: functionCallEvents("call_paris", "get_weather", '{"city":"Paris"}') });
    class Ask extends OpenAIResponsesPrompt({ template: "Weather?", tools: [getWeather], client: server.client }) {}
    const stream = new Ask().stream();
    const deltas = [];
    for await (const chunk of stream)
      if ("toolCallDeltas" in chunk && chunk.toolCallDeltas) deltas.push(...chunk.toolCallDeltas);
    expect(deltas).toEqual([
      { index: 0, id: "call_paris", name: "get_weather", argsTextDelta: "" },
      { index: 0, argsTextDelta: '{"city":' },
      { index: 0, argsTextDelta: '"Paris"}' },
      { index: 0, id: undefined, name: undefined, argsTextDelta: "", done: true },
    ]);
    const response = await stream.response();
    expect(response.finishReason).toBe("tool_calls");
    expect(response.toolCalls).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: '{"city":"Paris"}' },
    ]);
  });

  it("runs the tool loop: the second request holds the function_call and its function_call_output", async () => {
    server.queue({ events: functionCallEvents("call_paris", "get_weather", '{"city":"Paris"}') }, TEXT);
    class Ask extends OpenAIResponsesPrompt({
      template: "SYSTEM: You forecast.\nUSER: Weather in Paris?",
      tools: [getWeather],
      maxSteps: 2,
      client: server.client,
    }) {}
    const stream = new Ask().stream();
    expect(await stream.text()).toBe("Sunny.");
    expect(received).toEqual([{ city: "Paris", unit: "c" }]);
    const bodies = server.bodies() as Array<Record<string, unknown>>;
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatchObject({
      instructions: "You forecast.",
      input: [
        { role: "user", content: "Weather in Paris?" },
        { type: "function_call", call_id: "call_paris", name: "get_weather", arguments: '{"city":"Paris"}' },
        {
          type: "function_call_output",
          call_id: "call_paris",
          output: '{"city":"Paris","temperature":21,"sky":"clear"}',
        },
      ],
      tools: [WEATHER_FUNCTION],
    });
  });
});

describe("call() (not streamed)", () => {
  it("resolves to the response's text, usage, id and function calls", async () => {
    const call = {
      id: "fc_1",
      type: "function_call",
      call_id: "call_paris",
      name: "get_weather",
      arguments: '{"city":"Paris"}',
      status: "completed",
    };
    const message = {
      id: "msg_1",
      type: "message",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: "Checking.", annotations: [] }],
    };
    const reasoning = { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Look it up." }] };
    server.queue({ json: responseObject("completed", { output: [reasoning, message, call], usage: USAGE }) });
    class Ask extends OpenAIResponsesPrompt({ template: "Weather?", tools: [getWeather], client: server.client }) {}
    const response = await new Ask().call();
    expect(onlyBody().stream).toBe(false);
    expect(response).toMatchObject({
      content: "Checking.",
      reasoning: "Look it up.",
      id: RESPONSE_ID,
      finishReason: "tool_calls",
      rawFinishReason: "completed",
      usage: { inputTokens: 21, outputTokens: 40, totalTokens: 61, cachedInputTokens: 5, reasoningTokens: 12 },
      rawToolCalls: [{ id: "call_paris", name: "get_weather", argsText: '{"city":"Paris"}' }],
    });
    expect(response.toolCalls).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: '{"city":"Paris"}' },
    ]);
    expect(response.output).toHaveLength(3);
  });

  it("throws a failed response's error with OpenAI's message", async () => {
    server.queue({
      json: responseObject("failed", { error: { code: "server_error", message: "Something broke." } }),
    });
    class Ask extends OpenAIResponsesPrompt({ template: "Hi", client: server.client, maxRetries: 0 }) {}
    const error = await new Ask().call().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "server_error", provider: "openai", message: "OpenAI: Something broke." });
  });
});
