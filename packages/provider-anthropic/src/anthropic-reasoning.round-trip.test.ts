/**
 * Thinking streamed and sent back: the chunks' `reasoning`, the response's `reasoning` and its
 * `message` carrying the signed `thinking` and `redacted_thinking` blocks, which the next request
 * (the tool loop's, or a history's) sends back first in the assistant turn, unchanged and in order.
 * Through the real `@anthropic-ai/sdk` and a loopback server; the bodies it received are checked.
 */
import { defineTool, type Message } from "@promptstream/core";
import { createAnthropicMessage, createAnthropicMessageEvents, createAnthropicTextEvents } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useScriptedServer } from "./anthropic-tools.test-support.js";
import { AnthropicPrompt } from "./index.js";

const server = useScriptedServer();

const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `18°C in ${city}`,
});

class WeatherAgent extends AnthropicPrompt({
  template: "USER: What should I wear in {city}?",
  variables: z.object({ city: z.string() }),
  tools: [getWeather],
  maxSteps: 2,
  callParams: { maxTokens: 8000, reasoning: { budgetTokens: 2048 } },
}) {}

const THINKING = "The user wants clothing advice. I should check the weather in Paris first.";
const SIGNATURE = "EqQBCkgIARABGAIiQL2signed";
const REDACTED = "EmwKAhgBEgy3va3pzix/redacted";

/** The first answer: signed thinking, a redacted block, a sentence, then the call. */
const FIRST_ANSWER = [
  { type: "thinking", thinking: THINKING, signature: SIGNATURE },
  { type: "redacted_thinking", data: REDACTED },
  "Let me check.",
  { id: "toolu_paris", name: "get_weather", input: '{"city":"Paris"}' },
] as const;

describe("thinking with tools, through the tool loop", () => {
  it("sends the signed thinking and redacted blocks back first in the assistant turn, before the tool_use", async () => {
    const sent = server.answer(
      { events: createAnthropicMessageEvents(FIRST_ANSWER) },
      { events: createAnthropicTextEvents("A light jacket.", { thinking: "It is mild.", signature: "sig-2" }) },
    );
    const stream = new WeatherAgent({ city: "Paris" }).stream(undefined, { client: server.client });
    const reasoningPieces: string[] = [];
    for await (const item of stream) {
      if (item.kind === undefined) {
        expect(item.content === "" || item.reasoning === "").toBe(true);
        if (item.reasoning !== "") reasoningPieces.push(item.reasoning);
      }
    }

    const [first, second] = sent.bodies();
    expect(first?.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    expect(second?.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    expect(second?.messages).toStrictEqual([
      { role: "user", content: "What should I wear in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: THINKING, signature: SIGNATURE },
          { type: "redacted_thinking", data: REDACTED },
          { type: "text", text: "Let me check." },
          { type: "tool_use", id: "toolu_paris", name: "get_weather", input: { city: "Paris" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_paris", content: "18°C in Paris" }] },
    ]);

    // Every step's thinking, streamed apart from the text.
    expect(reasoningPieces.join("")).toBe(`${THINKING}It is mild.`);
    const response = await stream.response();
    expect(response.content).toBe("A light jacket.");
    expect(response.reasoning).toBe("It is mild.");
    expect(response.message.reasoning).toEqual([{ provider: "anthropic", text: "It is mild.", signature: "sig-2" }]);
  });
});

describe("interleaved thinking (a thinking block between two tool calls)", () => {
  it("sends each thinking block back in its place: the first before the calls, the second after the call it followed", async () => {
    const sent = server.answer(
      {
        events: createAnthropicMessageEvents([
          { type: "thinking", thinking: "Paris first.", signature: "sig-a" },
          { id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}' },
          { type: "thinking", thinking: "Now Lyon.", signature: "sig-b" },
          { id: "toolu_2", name: "get_weather", input: '{"city":"Lyon"}' },
        ]),
      },
      { events: createAnthropicTextEvents("Both mild.") },
    );
    const response = await new WeatherAgent({ city: "Paris" }).stream(undefined, { client: server.client }).response();
    expect(response.content).toBe("Both mild.");
    const assistantTurn = (sent.bodies()[1]?.messages as Array<{ content: unknown }> | undefined)?.[1];
    expect(assistantTurn?.content).toStrictEqual([
      { type: "thinking", thinking: "Paris first.", signature: "sig-a" },
      { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
      { type: "thinking", thinking: "Now Lyon.", signature: "sig-b" },
      { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Lyon" } },
    ]);
  });
});

describe("a call() response appended to a history", () => {
  it("sends its thinking blocks back as they came, before the tool_use", async () => {
    class Planner extends AnthropicPrompt({
      template: "USER: Plan my day in {city}.",
      variables: z.object({ city: z.string() }),
    }) {}
    server.answer({
      json: createAnthropicMessage(FIRST_ANSWER, { usage: { output_tokens_details: { thinking_tokens: 40 } } }),
    });
    const first = await new Planner({ city: "Paris" }).call(
      { reasoning: { effort: "high" } },
      { client: server.client },
    );
    expect(first.reasoning).toBe(THINKING);
    expect(first.usage?.reasoningTokens).toBe(40);
    expect(first.message).toEqual({
      role: "assistant",
      content: "Let me check.",
      reasoning: [
        { provider: "anthropic", text: THINKING, signature: SIGNATURE },
        { provider: "anthropic", text: "", redactedData: REDACTED },
      ],
    });
    const history: Message[] = [
      { role: "user", content: "Plan my day in Paris." },
      { ...first.message, toolCalls: [{ id: "toolu_paris", name: "get_weather", args: { city: "Paris" } }] },
      { role: "tool", toolCallId: "toolu_paris", content: "18°C in Paris" },
    ];
    const body = await bodyOf(history);
    expect((body.messages as Array<{ content: unknown }>)[1]?.content).toStrictEqual([
      { type: "thinking", thinking: THINKING, signature: SIGNATURE },
      { type: "redacted_thinking", data: REDACTED },
      { type: "text", text: "Let me check." },
      { type: "tool_use", id: "toolu_paris", name: "get_weather", input: { city: "Paris" } },
    ]);
  });
});

async function bodyOf(history: readonly Message[]) {
  const sent = server.answer({ events: createAnthropicTextEvents("Noted.") });
  class Conversation extends AnthropicPrompt({ template: "MESSAGES: {history}", client: server.client }) {}
  await new Conversation({ history }).stream().text();
  return sent.bodies()[0] ?? {};
}

describe("reasoning blocks in a history", () => {
  it("sends Anthropic's blocks only, in order: another provider's, and a thinking block cut before its signature, are left out", async () => {
    const body = await bodyOf([
      { role: "user", content: "Hi" },
      {
        role: "assistant",
        content: "Hello.",
        reasoning: [
          { provider: "openai", text: "summary", redactedData: "gAAAA-openai" },
          { provider: "anthropic", text: "Greet back.", signature: "sig-a" },
          { provider: "anthropic", text: "cut off" },
          { provider: "anthropic", text: "", redactedData: "red-b" },
        ],
      },
      { role: "user", content: "Bye" },
    ]);
    expect(body.messages).toStrictEqual([
      { role: "user", content: "Hi" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Greet back.", signature: "sig-a" },
          { type: "redacted_thinking", data: "red-b" },
          { type: "text", text: "Hello." },
        ],
      },
      { role: "user", content: "Bye" },
    ]);
  });

  it("sends a turn of thinking and calls only without an empty text block", async () => {
    const body = await bodyOf([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "",
        reasoning: [{ provider: "anthropic", text: "Call it.", signature: "sig-c" }],
        toolCalls: [{ id: "toolu_1", name: "get_weather", args: { city: "Oslo" } }],
      },
      { role: "tool", toolCallId: "toolu_1", content: "2°C" },
    ]);
    expect((body.messages as Array<{ content: unknown }>)[1]?.content).toStrictEqual([
      { type: "thinking", thinking: "Call it.", signature: "sig-c" },
      { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Oslo" } },
    ]);
  });
});
