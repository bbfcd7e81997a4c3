/**
 * What the Ollama adapter sends for a prompt with tools, checked on the exact body a loopback
 * server received: the tools, the refused params, a history with calls and results, and each
 * request of the tool loop.
 */
import { CallParamsError, defineTool, type ToolMessage } from "@promptstream/core";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  closeServers,
  getTime,
  getWeather,
  itemsOf,
  QUESTION,
  serve,
  TIME_TOOL,
  TOOL_STOP,
  USER_MESSAGE,
  WEATHER_TOOL,
} from "./ollama-tools.test-support.js";
import { OllamaPrompt } from "./src/index.js";
import { createOllamaLines, finalLine, withToolCalls } from "./src/ollama-chat-server.js";

afterEach(closeServers);

const PARIS = { id: "call_paris", function: { index: 0, name: "get_weather", arguments: { city: "Paris" } } };
const TOKYO = { function: { index: 1, name: "get_time", arguments: { zone: "Asia/Tokyo" } } };
const TEXT_STOP = { doneReason: "stop", usage: { input: 60, output: 9 } } as const;

function agent(baseURL: string) {
  class Agent extends OllamaPrompt({ template: QUESTION, tools: [getWeather, getTime], client: { baseURL } }) {}
  return new Agent();
}

async function rejectionOf(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("the request with tools", () => {
  it("sends the tools as Ollama functions, streamed and not; toolChoice 'auto' and strict are not sent", async () => {
    const server = await serve((request) =>
      (request.body as { stream: boolean }).stream
        ? { lines: createOllamaLines(["Sunny."], { ending: TEXT_STOP }) }
        : { json: finalLine("qwen3", "Sunny.", TEXT_STOP) },
    );
    const strictTime = defineTool({ name: "get_time", parameters: z.object({ zone: z.string() }), strict: true });
    class Strict extends OllamaPrompt({
      template: QUESTION,
      tools: [getWeather, strictTime],
      client: { baseURL: server.url },
    }) {}
    await agent(server.url).stream({ toolChoice: "auto", temperature: 0, think: true }).text();
    await new Strict().call({ model: "qwen3", toolChoice: "auto" });
    const expected = { model: "llama3.2", messages: [USER_MESSAGE], tools: [WEATHER_TOOL, TIME_TOOL] };
    expect(server.requests.map((request) => request.body)).toStrictEqual([
      { ...expected, stream: true, think: true, options: { temperature: 0 } },
      { ...expected, model: "qwen3", stream: false },
    ]);
  });

  it("refuses a forced toolChoice and parallelToolCalls, streamed and not, before anything is sent", async () => {
    const server = await serve({ lines: createOllamaLines(["Sunny."], { ending: TEXT_STOP }) });
    const refused = [
      ["toolChoice", { toolChoice: "required" }],
      ["toolChoice", { toolChoice: "none" }],
      ["toolChoice", { toolChoice: { name: "get_time" } }],
      ["parallelToolCalls", { parallelToolCalls: false }],
      ["parallelToolCalls", { parallelToolCalls: true }],
    ] as const;
    for (const [param, params] of refused) {
      for (const send of [() => agent(server.url).stream(params).text(), () => agent(server.url).call(params)]) {
        const error = await rejectionOf(send);
        expect(error).toBeInstanceOf(CallParamsError);
        expect(error).toMatchObject({ code: "unsupported_param", param, provider: "ollama" });
        expect((error as Error).message).toContain("Ollama's /api/chat has no");
      }
    }
    class Defined extends OllamaPrompt({
      template: QUESTION,
      tools: [getWeather],
      client: { baseURL: server.url },
      callParams: { toolChoice: "required" },
    }) {}
    expect(await rejectionOf(() => new Defined().stream().text())).toMatchObject({ param: "toolChoice" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(0);
  });

  it("drops them, and sends the rest, under unsupportedParams: 'drop'", async () => {
    const server = await serve({ lines: createOllamaLines(["Sunny."], { ending: TEXT_STOP }) });
    await agent(server.url)
      .stream({ toolChoice: "required", parallelToolCalls: false }, { unsupportedParams: "drop" })
      .text();
    expect(server.requests[0]?.body).toStrictEqual({
      model: "llama3.2",
      messages: [USER_MESSAGE],
      stream: true,
      tools: [WEATHER_TOOL, TIME_TOOL],
    });
  });
});

describe("a history with tool calls", () => {
  it("sends a response's calls back as tool_calls and the results as tool messages with tool_name, exactly", async () => {
    const server = await serve((request) =>
      server.requests.indexOf(request) === 0
        ? { lines: createOllamaLines(["Checking.", PARIS, TOKYO], { ending: TOOL_STOP }) }
        : { lines: createOllamaLines(["21°C, and 18:00 in Tokyo."], { ending: TEXT_STOP }) },
    );
    const first = await agent(server.url).stream().response();
    const results: ToolMessage[] = [
      { role: "tool", toolCallId: "call_paris", toolName: "get_weather", content: { temperature: 21, sky: "clear" } },
      // No toolName: Ollama's tool_name is taken from the call it answers.
      { role: "tool", toolCallId: "call_1", content: "Unknown zone", isError: true },
    ];
    class Conversation extends OllamaPrompt({
      template: "SYSTEM: You answer about the weather.\nMESSAGES: {history}",
      variables: z.object({ history: z.array(z.any()) }),
      tools: [getWeather, getTime],
      client: { baseURL: server.url },
    }) {}
    const history = [USER_MESSAGE, first.message, ...results];
    expect(await new Conversation({ history }).stream().text()).toBe("21°C, and 18:00 in Tokyo.");
    expect(server.requests[1]?.body).toStrictEqual({
      model: "llama3.2",
      stream: true,
      tools: [WEATHER_TOOL, TIME_TOOL],
      messages: [
        { role: "system", content: "You answer about the weather." },
        USER_MESSAGE,
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: [
            // Arguments as objects, as Ollama takes them; the id Ollama gave, or the one made for it.
            { id: "call_paris", function: { name: "get_weather", arguments: { city: "Paris" } } },
            { id: "call_1", function: { name: "get_time", arguments: { zone: "Asia/Tokyo" } } },
          ],
        },
        // A JSON result as its JSON text; an error as its text (Ollama has no error flag).
        { role: "tool", content: '{"temperature":21,"sky":"clear"}', tool_name: "get_weather" },
        { role: "tool", content: "Unknown zone", tool_name: "get_time" },
      ],
    });
  });
});

describe("the tool loop", () => {
  const ran: unknown[] = [];
  const weather = defineTool({
    name: "get_weather",
    description: "Current weather for a city",
    parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
    execute: ({ city, unit }) => {
      ran.push({ city, unit });
      return { city, temperature: unit === "c" ? 21 : 70 };
    },
  });
  const time = defineTool({ name: "get_time", parameters: z.object({ zone: z.string() }), execute: () => "18:00" });
  const LONDON = { function: { index: 0, name: "get_weather", arguments: { city: "London", unit: "f" } } };

  it("runs each step's calls and sends their results back, with the exact request of each step (maxSteps: 3)", async () => {
    const answers = [
      createOllamaLines([PARIS, TOKYO], { ending: TOOL_STOP }),
      createOllamaLines(["One more.", LONDON], { ending: TOOL_STOP }),
      createOllamaLines(["Sunny in both;", " 18:00 in Tokyo."], { ending: TEXT_STOP }),
    ];
    const server = await serve((request) => ({ lines: answers[server.requests.indexOf(request)] ?? [] }));
    class Travel extends OllamaPrompt({
      template: QUESTION,
      tools: [weather, time],
      maxSteps: 3,
      client: { baseURL: server.url },
    }) {}
    const stream = new Travel().stream();
    const items = await itemsOf(stream);
    const response = await stream.response();

    const step0 = [
      {
        role: "assistant",
        content: "",
        tool_calls: [
          { id: "call_paris", function: { name: "get_weather", arguments: { city: "Paris" } } },
          { id: "call_1", function: { name: "get_time", arguments: { zone: "Asia/Tokyo" } } },
        ],
      },
      { role: "tool", content: '{"city":"Paris","temperature":21}', tool_name: "get_weather" },
      { role: "tool", content: "18:00", tool_name: "get_time" },
    ];
    const step1 = [
      {
        role: "assistant",
        content: "One more.",
        // Ollama gave this call no id: it is the first of its reply, call_0.
        tool_calls: [{ id: "call_0", function: { name: "get_weather", arguments: { city: "London", unit: "f" } } }],
      },
      { role: "tool", content: '{"city":"London","temperature":70}', tool_name: "get_weather" },
    ];
    const request = (messages: unknown[]) => ({
      model: "llama3.2",
      messages: [USER_MESSAGE, ...messages],
      stream: true,
      tools: [WEATHER_TOOL, TIME_TOOL],
    });
    expect(server.requests.map((sent) => sent.body)).toStrictEqual([
      request([]),
      request(step0),
      request([...step0, ...step1]),
    ]);
    expect(ran).toEqual([
      { city: "Paris", unit: "c" },
      { city: "London", unit: "f" },
    ]);
    expect(items).toEqual([
      "step-start",
      "tool-call:call_paris",
      "tool-call:call_1",
      "tool-result:call_paris",
      "tool-result:call_1",
      "step-finish",
      "step-start",
      "text:One more.",
      "tool-call:call_0",
      "tool-result:call_0",
      "step-finish",
      "step-start",
      "text:Sunny in both;",
      "text: 18:00 in Tokyo.",
      "step-finish",
    ]);
    expect(response).toMatchObject({ content: "Sunny in both; 18:00 in Tokyo.", finishReason: "stop", toolCalls: [] });
    expect(response.steps.map((step) => [step.finishReason, step.toolCalls.map((call) => call.id)])).toEqual([
      ["tool_calls", ["call_paris", "call_1"]],
      ["tool_calls", ["call_0"]],
      ["stop", []],
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 140, outputTokens: 45 });
  });

  it("answers call() with the typed calls and the raw ones, from one whole reply", async () => {
    const server = await serve({ json: withToolCalls(finalLine("llama3.2", "Checking.", TOOL_STOP), [PARIS, TOKYO]) });
    const response = await agent(server.url).call();
    expect(response.toolCalls).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: '{"city":"Paris"}' },
      { id: "call_1", name: "get_time", args: { zone: "Asia/Tokyo" }, argsText: '{"zone":"Asia/Tokyo"}' },
    ]);
    expect(response.rawToolCalls).toEqual([
      { id: "call_paris", name: "get_weather", argsText: '{"city":"Paris"}' },
      { id: "call_1", name: "get_time", argsText: '{"zone":"Asia/Tokyo"}' },
    ]);
    expect(response).toMatchObject({ content: "Checking.", finishReason: "tool_calls", rawFinishReason: "stop" });
    expect(server.requests[0]?.body).toMatchObject({ stream: false, tools: [WEATHER_TOOL, TIME_TOOL] });
  });
});
