/**
 * The messages of a conversation with tool calls and results, as a prompt's history sends them:
 * the assistant's calls as `tool_calls`, each result as a `tool` message, checked on the exact
 * body the real `openai` SDK sent to a loopback server.
 */
import type { ToolMessage } from "@promptstream/core";
import { createOpenAIToolCallChunks } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import {
  getTime,
  getWeather,
  STREAM_FIELDS,
  streamedBodyOf,
  TIME_TOOL,
  useToolServer,
  WEATHER_TOOL,
} from "./openai-tools.test-support.js";

const tools = useToolServer();

const USER_MESSAGE = { role: "user", content: "What is the weather in Paris?" };

function bodyOf(send: () => { text(): Promise<string> }): Promise<unknown> {
  return streamedBodyOf(tools, send);
}

class Weather extends OpenAIPrompt({
  template: "What is the weather in Paris?",
  tools: [getWeather, getTime],
  client: { baseURL: "http://127.0.0.1:9/v1", apiKey: "unused", maxRetries: 0 },
}) {}

describe("a conversation with tool calls sent back", () => {
  class Conversation extends OpenAIPrompt({
    template: "SYSTEM: You answer about the weather.\nMESSAGES: {history}",
    variables: z.object({ history: z.array(z.any()) }),
    tools: [getWeather, getTime],
    client: { baseURL: "http://127.0.0.1:9/v1", apiKey: "unused", maxRetries: 0 },
  }) {}

  it("sends the assistant's calls as tool_calls and each result as a tool message, exactly", async () => {
    tools.queue({
      chunks: createOpenAIToolCallChunks([
        { id: "call_paris", name: "get_weather", arguments: '{ "city": "Paris" }' },
        { id: "call_tokyo", name: "get_time", arguments: '{"zone":"Asia/Tokyo"}' },
      ]),
    });
    const first = await new Weather(undefined, { client: tools.client }).stream().response();
    const results: ToolMessage[] = [
      { role: "tool", toolCallId: "call_paris", toolName: "get_weather", content: { temperature: 21, sky: "clear" } },
      { role: "tool", toolCallId: "call_tokyo", toolName: "get_time", content: "Unknown zone", isError: true },
    ];
    const history = [USER_MESSAGE, first.message, ...results, { role: "assistant", content: "It is 21°C." }];
    tools.reset();
    const body = await bodyOf(() => new Conversation({ history }, { client: tools.client }).stream());
    expect(body).toEqual({
      model: "gpt-4o-mini",
      tools: [WEATHER_TOOL, TIME_TOOL],
      messages: [
        { role: "system", content: "You answer about the weather." },
        USER_MESSAGE,
        {
          role: "assistant",
          content: null,
          tool_calls: [
            // The arguments as the model wrote them, spaces and all.
            { id: "call_paris", type: "function", function: { name: "get_weather", arguments: '{ "city": "Paris" }' } },
            { id: "call_tokyo", type: "function", function: { name: "get_time", arguments: '{"zone":"Asia/Tokyo"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_paris", content: '{"temperature":21,"sky":"clear"}' },
        { role: "tool", tool_call_id: "call_tokyo", content: "Unknown zone" },
        { role: "assistant", content: "It is 21°C." },
      ],
      ...STREAM_FIELDS,
    });
  });

  it("keeps an assistant's text beside its calls, and writes arguments known only parsed as JSON", async () => {
    const history = [
      USER_MESSAGE,
      {
        role: "assistant",
        content: "Let me check.",
        toolCalls: [{ id: "call_1", name: "get_weather", args: { city: "Paris", unit: "c" } }],
      },
      { role: "tool", toolCallId: "call_1", content: 21 },
    ];
    const body = (await bodyOf(() => new Conversation({ history }, { client: tools.client }).stream())) as {
      messages: unknown[];
    };
    expect(body.messages.slice(2)).toEqual([
      {
        role: "assistant",
        content: "Let me check.",
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "21" },
    ]);
  });
});
