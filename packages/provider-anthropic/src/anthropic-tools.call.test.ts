/**
 * `call()` of a prompt with tools, answered by a loopback server with a whole Messages API message
 * through the real `@anthropic-ai/sdk`: its `tool_use` blocks become typed, validated calls.
 */
import { ToolCallError } from "@promptstream/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { QUESTION, travelAgentFor, useScriptedServer } from "./anthropic-tools.test-support.js";

const server = useScriptedServer();

/** A whole message: text, two calls of the app's tools, and a web search Anthropic ran itself. */
function messageWith(content: object[]) {
  return {
    id: "msg_tools_call",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5-20251001",
    content,
    stop_reason: "tool_use",
    stop_sequence: null,
    usage: { input_tokens: 30, output_tokens: 40 },
  };
}

async function callWith(content: object[]) {
  server.answer({ json: messageWith(content) });
  const TravelAgent = travelAgentFor(server.client);
  return new TravelAgent({ question: QUESTION }).call();
}

describe("call() with tool calls", () => {
  it("validates the message's tool_use blocks into typed toolCalls, and keeps the text and the raw calls", async () => {
    const response = await callWith([
      { type: "text", text: "Let me check." },
      { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "Paris weather" } },
      { type: "tool_use", id: "toolu_weather", name: "get_weather", input: { city: "Paris" } },
      { type: "tool_use", id: "toolu_list", name: "list_cities", input: {} },
    ]);

    expect(response.content).toBe("Let me check.");
    expect(response.finishReason).toBe("tool_calls");
    // The server tool is Anthropic's own: not a call for the app to run.
    expect(response.rawToolCalls).toEqual([
      { id: "toolu_weather", name: "get_weather", argsText: '{"city":"Paris"}' },
      { id: "toolu_list", name: "list_cities", argsText: "{}" },
    ]);
    expect(response.toolCalls).toEqual([
      { id: "toolu_weather", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: '{"city":"Paris"}' },
      { id: "toolu_list", name: "list_cities", args: {}, argsText: "{}" },
    ]);
    expectTypeOf(response.toolCalls[0]?.name).toEqualTypeOf<"get_weather" | "get_time" | "list_cities" | undefined>();
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.message).toEqual({
      role: "assistant",
      content: "Let me check.",
      toolCalls: [
        { id: "toolu_weather", name: "get_weather", args: { city: "Paris" }, argsText: '{"city":"Paris"}' },
        { id: "toolu_list", name: "list_cities", args: {}, argsText: "{}" },
      ],
    });
    expect(response.steps).toHaveLength(1);
    expect(response.steps[0]?.toolCalls).toEqual(response.toolCalls);
  });

  it("reports the calls of an unknown tool or with refused arguments as invalidToolCalls", async () => {
    const response = await callWith([
      { type: "tool_use", id: "toolu_unknown", name: "book_hotel", input: { city: "Paris" } },
      { type: "tool_use", id: "toolu_refused", name: "get_time", input: { town: "Paris" } },
    ]);
    expect(response.toolCalls).toEqual([]);
    expect(response.invalidToolCalls.map((call) => [call.id, call.error.code])).toEqual([
      ["toolu_unknown", "unknown_tool"],
      ["toolu_refused", "invalid_arguments"],
    ]);
    for (const call of response.invalidToolCalls) expect(call.error).toBeInstanceOf(ToolCallError);
    expect(response.message.toolCalls?.map((call) => call.id)).toEqual(["toolu_unknown", "toolu_refused"]);
  });

  it("has empty toolCalls and no rawToolCalls when the model answered without tools", async () => {
    server.answer({ json: { ...messageWith([{ type: "text", text: "A light jacket." }]), stop_reason: "end_turn" } });
    const TravelAgent = travelAgentFor(server.client);
    const response = await new TravelAgent({ question: QUESTION }).call();
    expect(response.finishReason).toBe("stop");
    expect(response.toolCalls).toEqual([]);
    expect(response.invalidToolCalls).toEqual([]);
    expect(response).not.toHaveProperty("rawToolCalls");
    expect(response.message).toEqual({ role: "assistant", content: "A light jacket." });
  });
});
