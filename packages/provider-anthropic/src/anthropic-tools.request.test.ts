/**
 * What a prompt with tools sends, checked on a loopback server that records each request the real
 * `@anthropic-ai/sdk` makes: `tools` in Anthropic's shape, `tool_choice` for each neutral choice
 * and for `parallelToolCalls`, and the refusal of Anthropic's native `tools` beside the prompt's.
 */
import { CallParamsError, defineTool, type ToolChoice } from "@promptstream/core";
import { createAnthropicTextEvents, createAnthropicToolUseEvents, rejectionOf, thrownBy } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { QUESTION, travelAgentFor, useScriptedServer, WIRE_TOOLS } from "./anthropic-tools.test-support.js";
import {
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  ANTHROPIC_DEFAULT_MODEL,
  type AnthropicCallParams,
  AnthropicPrompt,
} from "./index.js";

const server = useScriptedServer();
const TEXT_ANSWER = { events: createAnthropicTextEvents("A light jacket.") };

/** The body of the one streamed request `params` send through the travel prompt. */
async function streamedBody(params?: AnthropicCallParams): Promise<Record<string, unknown>> {
  const sent = server.answer(TEXT_ANSWER);
  const TravelAgent = travelAgentFor(server.client);
  await new TravelAgent({ question: QUESTION }).stream({ model: ANTHROPIC_DEFAULT_MODEL, ...params }).text();
  const [body, ...more] = sent.bodies();
  expect(more).toEqual([]);
  return body ?? {};
}

/** The whole body a streamed request of the travel prompt sends, with these fields beside the tools. */
function expectedBody(fields: Record<string, unknown> = {}) {
  return {
    model: ANTHROPIC_DEFAULT_MODEL,
    max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
    tools: WIRE_TOOLS,
    ...fields,
    messages: [{ role: "user", content: QUESTION }],
    stream: true,
  };
}

describe("the tools in the request", () => {
  it("sends the prompt's tools as name, description and input_schema, and no tool_choice when none is asked for", async () => {
    expect(await streamedBody()).toStrictEqual(expectedBody());
  });

  it.each<[ToolChoice, unknown]>([
    ["auto", { type: "auto" }],
    ["none", { type: "none" }],
    ["required", { type: "any" }],
    [{ name: "get_time" }, { type: "tool", name: "get_time" }],
  ])("sends toolChoice %j as tool_choice %j", async (toolChoice, wire) => {
    expect(await streamedBody({ toolChoice })).toStrictEqual(expectedBody({ tool_choice: wire }));
  });

  it.each<[ToolChoice | undefined, unknown]>([
    [undefined, { type: "auto", disable_parallel_tool_use: true }],
    ["auto", { type: "auto", disable_parallel_tool_use: true }],
    ["required", { type: "any", disable_parallel_tool_use: true }],
    [{ name: "get_weather" }, { type: "tool", name: "get_weather", disable_parallel_tool_use: true }],
    // Anthropic's `none` has no such flag, and needs none: no call cannot be several.
    ["none", { type: "none" }],
  ])("sends parallelToolCalls: false with toolChoice %j as tool_choice %j", async (toolChoice, wire) => {
    const body = await streamedBody({ toolChoice, parallelToolCalls: false });
    expect(body).toStrictEqual(expectedBody({ tool_choice: wire }));
  });

  it("sends nothing for parallelToolCalls: true, Anthropic's default", async () => {
    expect(await streamedBody({ parallelToolCalls: true })).toStrictEqual(expectedBody());
  });

  it("sends the same tools and tool_choice with call(), stream: false", async () => {
    const sent = server.answer({
      json: { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], stop_reason: "end_turn" },
    });
    const TravelAgent = travelAgentFor(server.client);
    await new TravelAgent({ question: QUESTION }).call({ model: ANTHROPIC_DEFAULT_MODEL, toolChoice: "required" });
    expect(sent.bodies()).toStrictEqual([{ ...expectedBody({ tool_choice: { type: "any" } }), stream: false }]);
  });

  it("sends strict: true for a tool defined strict, as Anthropic's strict tool use", async () => {
    const lookUp = defineTool({ name: "look_up", parameters: z.object({ word: z.string() }), strict: true });
    class Dictionary extends AnthropicPrompt({
      template: "USER: Define {word}",
      tools: [lookUp],
      client: server.client,
    }) {}
    const sent = server.answer(TEXT_ANSWER);
    await new Dictionary({ word: "jacket" }).stream().text();
    expect(sent.bodies()[0]?.tools).toStrictEqual([
      {
        name: "look_up",
        input_schema: { type: "object", properties: { word: { type: "string" } }, required: ["word"] },
        strict: true,
      },
    ]);
  });
});

describe("Anthropic's native tools beside the prompt's", () => {
  const nativeTools: NonNullable<AnthropicCallParams["tools"]> = [
    { name: "find_flight", input_schema: { type: "object", properties: { to: { type: "string" } } } },
  ];

  it("refuses native tools beside the prompt's tools with a CallParamsError naming both, from stream(), before sending", async () => {
    const TravelAgent = travelAgentFor(server.client);
    const before = server.requestCount;
    const streamed = thrownBy(() => new TravelAgent({ question: QUESTION }).stream({ tools: nativeTools }));
    const called = await rejectionOf(new TravelAgent({ question: QUESTION }).call({ tools: nativeTools }));
    for (const error of [streamed, called]) {
      expect(error).toBeInstanceOf(CallParamsError);
      expect(error).toMatchObject({ code: "invalid_param", param: "tools", provider: "anthropic" });
      expect((error as Error).message).toContain("The prompt has tools (its `tools`");
      expect((error as Error).message).toContain("Anthropic's native `tools`");
    }
    expect(server.requestCount).toBe(before);
  });

  it("refuses a native tool_choice beside toolChoice or parallelToolCalls, before sending", async () => {
    const TravelAgent = travelAgentFor(server.client);
    const before = server.requestCount;
    for (const neutral of [{ toolChoice: "auto" }, { parallelToolCalls: false }] as const) {
      const error = thrownBy(() =>
        new TravelAgent({ question: QUESTION }).stream({ ...neutral, tool_choice: { type: "any" } }),
      );
      expect(error).toBeInstanceOf(CallParamsError);
      expect(error).toMatchObject({ code: "invalid_param", param: "tool_choice" });
      expect((error as Error).message).toContain(
        `both \`${Object.keys(neutral)[0]}\` and Anthropic's native \`tool_choice\``,
      );
    }
    expect(server.requestCount).toBe(before);
  });

  it("sends a native tool_choice alone as it is, beside the prompt's tools", async () => {
    const tool_choice = { type: "tool", name: "get_time", disable_parallel_tool_use: true } as const;
    expect(await streamedBody({ tool_choice })).toStrictEqual(expectedBody({ tool_choice }));
  });

  it("passes native tools and tool_choice through for a prompt without tools, and its stream has no tool-call parts", async () => {
    class Planner extends AnthropicPrompt({ template: "USER: Fly me to {city}", client: server.client }) {}
    const sent = server.answer({
      events: createAnthropicToolUseEvents([{ id: "toolu_native", name: "find_flight", input: '{"to":"Oslo"}' }]),
    });
    const stream = new Planner({ city: "Oslo" }).stream({ tools: nativeTools, tool_choice: { type: "any" } });
    const kinds: unknown[] = [];
    for await (const chunk of stream) kinds.push((chunk as { kind?: unknown }).kind);
    expect(kinds.every((kind) => kind === undefined)).toBe(true);
    expect(sent.bodies()[0]).toMatchObject({ tools: nativeTools, tool_choice: { type: "any" } });
    const response = await stream.response();
    expect(response).not.toHaveProperty("toolCalls");
    // The raw message still holds the call, for apps that run native tools themselves.
    expect(response.contentBlocks).toEqual([
      { type: "tool_use", id: "toolu_native", name: "find_flight", input: { to: "Oslo" } },
    ]);
  });
});
