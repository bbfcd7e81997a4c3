/**
 * A conversation with tool calls sent again: `response.message` and the tools' results, given to
 * `MESSAGES: {history}`, become Anthropic's `tool_use` and `tool_result` blocks. Checked on the
 * exact body a loopback server received from the real `@anthropic-ai/sdk`.
 */
import type { Message } from "@promptstream/core";
import { createAnthropicTextEvents, createAnthropicToolUseEvents } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import {
  getTime,
  getWeather,
  listCities,
  QUESTION,
  travelAgentFor,
  useScriptedServer,
  WIRE_TOOLS,
} from "./anthropic-tools.test-support.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_DEFAULT_MODEL, AnthropicPrompt } from "./index.js";

const server = useScriptedServer();

/** The first turn: the travel prompt, answered with these blocks; resolves to its response. */
function firstTurn(blocks: Parameters<typeof createAnthropicToolUseEvents>[0]) {
  server.answer({ events: createAnthropicToolUseEvents(blocks) });
  const TravelAgent = travelAgentFor(server.client);
  return new TravelAgent({ question: QUESTION }).stream().response();
}

/** Sends `history` (then `note`, if given) with the same tools; resolves to the body the server received. */
async function bodyOfNextTurn(history: readonly Message[], note?: string): Promise<Record<string, unknown>> {
  const sent = server.answer({ events: createAnthropicTextEvents("Take a light jacket.") });
  const tools = [getWeather, getTime, listCities];
  const client = server.client;
  if (note === undefined) {
    class Conversation extends AnthropicPrompt({ template: "MESSAGES: {history}", tools, client }) {}
    await new Conversation({ history }).stream().text();
  } else {
    class Conversation extends AnthropicPrompt({ template: "MESSAGES: {history}\nUSER: {note}", tools, client }) {}
    await new Conversation({ history, note }).stream().text();
  }
  const [body] = sent.bodies();
  return body ?? {};
}

function bodyWith(messages: unknown[]) {
  return {
    model: ANTHROPIC_DEFAULT_MODEL,
    max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
    tools: WIRE_TOOLS,
    messages,
    stream: true,
  };
}

describe("a history with tool calls and results", () => {
  it("sends the assistant turn as text then tool_use blocks, and consecutive results as one user turn with is_error", async () => {
    const response = await firstTurn([
      "Let me check.",
      { id: "toolu_weather", name: "get_weather", input: '{"city": "Paris"}' },
      { id: "toolu_time", name: "get_time", input: '{"city": "Paris"}' },
    ]);
    const history: Message[] = [
      { role: "user", content: QUESTION },
      response.message,
      {
        role: "tool",
        toolCallId: "toolu_weather",
        toolName: "get_weather",
        content: { temperature: 18, sky: "cloudy" },
      },
      {
        role: "tool",
        toolCallId: "toolu_time",
        toolName: "get_time",
        content: "the clock service is down",
        isError: true,
      },
    ];

    expect(await bodyOfNextTurn(history)).toStrictEqual(
      bodyWith([
        { role: "user", content: QUESTION },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Let me check." },
            { type: "tool_use", id: "toolu_weather", name: "get_weather", input: { city: "Paris" } },
            { type: "tool_use", id: "toolu_time", name: "get_time", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_weather", content: '{"temperature":18,"sky":"cloudy"}' },
            { type: "tool_result", tool_use_id: "toolu_time", content: "the clock service is down", is_error: true },
          ],
        },
      ]),
    );
  });

  it("sends a turn of calls only as its tool_use blocks, and a user message after the results in their turn", async () => {
    const response = await firstTurn([{ id: "toolu_list", name: "list_cities" }]);
    expect(response.message.content).toBe("");
    const history: Message[] = [
      { role: "user", content: QUESTION },
      response.message,
      { role: "tool", toolCallId: "toolu_list", content: ["Paris", "Lyon"] },
    ];

    expect(await bodyOfNextTurn(history, "Only the big ones, please.")).toStrictEqual(
      bodyWith([
        { role: "user", content: QUESTION },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_list", name: "list_cities", input: {} }] },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_list", content: '["Paris","Lyon"]' },
            { type: "text", text: "Only the big ones, please." },
          ],
        },
      ]),
    );
  });
});
