/**
 * The tool loop through the real `@anthropic-ai/sdk` and a loopback server: each step's calls are
 * run and their results sent back, and every request of the loop is checked exactly.
 */
import { defineTool } from "@promptstream/core";
import { createAnthropicTextEvents, createAnthropicToolUseEvents } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { labelOf, QUESTION, useScriptedServer, WIRE_TOOLS } from "./anthropic-tools.test-support.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_DEFAULT_MODEL, AnthropicPrompt } from "./index.js";

const server = useScriptedServer();

/** What happened, in order: the stream's items as the app read them, and each tool run as it began. */
const timeline: string[] = [];

const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather in a city",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
  execute: async ({ city, unit }) => {
    timeline.push(`run get_weather ${city}`);
    return { city, unit, temperature: 18 };
  },
});

const getTime = defineTool({
  name: "get_time",
  description: "Local time in a city",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => {
    timeline.push(`run get_time ${city}`);
    if (city === "Atlantis") throw new Error("no clock in Atlantis");
    return "14:05";
  },
});

class TravelAgent extends AnthropicPrompt({
  template: "USER: {question}",
  tools: [getWeather, getTime],
  maxSteps: 3,
}) {}

const USER = { role: "user", content: QUESTION };

function requestWith(messages: unknown[]) {
  const tools = WIRE_TOOLS.slice(0, 2);
  return { model: ANTHROPIC_DEFAULT_MODEL, max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS, tools, messages, stream: true };
}

const usage = (step: number) => ({ usage: { input_tokens: 10 * (step + 1), output_tokens: 5 } });

describe("the tool loop", () => {
  it("runs each call as soon as it is complete, sends the results back, and stops when the model answers in text", async () => {
    timeline.length = 0;
    const sent = server.answer(
      {
        events: createAnthropicToolUseEvents(
          [
            "Let me check.",
            { id: "toolu_w", name: "get_weather", input: '{"city": "Paris"}' },
            { id: "toolu_t", name: "get_time", input: '{"city": "Paris"}' },
          ],
          usage(0),
        ),
      },
      {
        events: createAnthropicToolUseEvents(
          [{ id: "toolu_a", name: "get_time", input: '{"city":"Atlantis"}' }],
          usage(1),
        ),
      },
      { events: createAnthropicTextEvents("Take a light jacket.", usage(2)) },
    );
    const stream = new TravelAgent({ question: QUESTION }).stream(undefined, { client: server.client });
    for await (const item of stream)
      if (item.kind !== undefined || item.type === "content_block_start") timeline.push(labelOf(item));

    expect(timeline).toEqual([
      "step-start",
      "content_block_start 0",
      "content_block_start 1",
      "tool-call get_weather",
      // The first tool runs while the model is still writing the second call.
      "run get_weather Paris",
      "content_block_start 2",
      "tool-call get_time",
      "run get_time Paris",
      "tool-result get_weather",
      "tool-result get_time",
      "step-finish",
      "step-start",
      "content_block_start 0",
      "tool-call get_time",
      "run get_time Atlantis",
      "tool-result get_time",
      "step-finish",
      "step-start",
      "content_block_start 0",
      "step-finish",
    ]);

    const firstAnswer = {
      role: "assistant",
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "toolu_w", name: "get_weather", input: { city: "Paris" } },
        { type: "tool_use", id: "toolu_t", name: "get_time", input: { city: "Paris" } },
      ],
    };
    const firstResults = {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "toolu_w", content: '{"city":"Paris","unit":"c","temperature":18}' },
        { type: "tool_result", tool_use_id: "toolu_t", content: "14:05" },
      ],
    };
    const secondAnswer = {
      role: "assistant",
      content: [{ type: "tool_use", id: "toolu_a", name: "get_time", input: { city: "Atlantis" } }],
    };
    // A tool that throws: its error goes back to the model as the call's result.
    const secondResults = {
      role: "user",
      content: [{ type: "tool_result", tool_use_id: "toolu_a", content: "no clock in Atlantis", is_error: true }],
    };
    expect(sent.bodies()).toStrictEqual([
      requestWith([USER]),
      requestWith([USER, firstAnswer, firstResults]),
      requestWith([USER, firstAnswer, firstResults, secondAnswer, secondResults]),
    ]);

    const response = await stream.response();
    expect(response.content).toBe("Take a light jacket.");
    expect(response.finishReason).toBe("stop");
    expect(response.steps.map((step) => step.toolCalls.map((call) => call.id))).toEqual([
      ["toolu_w", "toolu_t"],
      ["toolu_a"],
      [],
    ]);
    expect(response.steps[1]?.toolResults).toMatchObject([{ isError: true, result: "no clock in Atlantis" }]);
    expect(response.usage).toMatchObject({ inputTokens: 60, outputTokens: 15, totalTokens: 75 });
  });

  it("sends an invalid call back as an is_error result, so that the model can correct it", async () => {
    const sent = server.answer(
      { events: createAnthropicToolUseEvents([{ id: "toolu_bad", name: "get_weather", input: '{"town":"Paris"}' }]) },
      { events: createAnthropicTextEvents("Sorry: which city?") },
    );
    const response = await new TravelAgent({ question: QUESTION }).call(undefined, { client: server.client });

    expect(response.content).toBe("Sorry: which city?");
    const [first, second] = sent.bodies();
    expect(first).toStrictEqual(requestWith([USER]));
    const invalid = response.steps[0]?.invalidToolCalls[0];
    expect(invalid?.error.code).toBe("invalid_arguments");
    expect(second?.messages).toStrictEqual([
      USER,
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_bad", name: "get_weather", input: { town: "Paris" } }],
      },
      {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: "toolu_bad", content: invalid?.error.message, is_error: true }],
      },
    ]);
  });

  it("stops after maxSteps requests, leaving the last step's calls to the app", async () => {
    const call = (step: number) => ({
      events: createAnthropicToolUseEvents([{ id: `toolu_${step}`, name: "get_time", input: '{"city":"Paris"}' }]),
    });
    const sent = server.answer(call(0), call(1), call(2), call(3));
    const response = await new TravelAgent({ question: QUESTION })
      .stream(undefined, { client: server.client })
      .response();

    expect(sent.bodies()).toHaveLength(3);
    expect(response.steps).toHaveLength(3);
    expect(response.toolCalls).toEqual([
      { id: "toolu_2", name: "get_time", args: { city: "Paris" }, argsText: '{"city":"Paris"}' },
    ]);
    expect(response.steps[2]?.toolResults).toEqual([]);
    expect(response.finishReason).toBe("tool_calls");
  });
});
