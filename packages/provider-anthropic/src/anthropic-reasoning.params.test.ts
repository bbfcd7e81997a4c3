/**
 * The neutral `reasoning` param in the request body (Anthropic's `thinking`, `output_config.effort`)
 * and the Messages API's thinking rules, refused before anything is sent. Checked on the body a
 * loopback server received from the real `@anthropic-ai/sdk`.
 */

import { CallParamsError, defineTool } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  createAnthropicTextEvents,
  startAnthropicMessagesServer,
  thrownBy,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  answer,
  bodyReceivedBy,
  clientOf,
  INGREDIENT,
  recipePromptFor,
  type TestClient,
} from "./anthropic-request.test-support.js";
import { TESTED_SDK_LINE } from "./anthropic-sdk-line.test-support.js";
import { type AnthropicCallParams, AnthropicPrompt } from "./index.js";

let server: AnthropicMessagesServer;
let client: TestClient;
beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
  client = clientOf(server);
});
afterAll(() => server.close());

async function bodyWith(params: AnthropicCallParams) {
  const Recipe = recipePromptFor(client);
  return bodyReceivedBy(server, () => new Recipe({ ingredient: INGREDIENT }).stream(params));
}

describe("reasoning in the request body", () => {
  it.each([
    [
      "budgetTokens: manual extended thinking",
      { budgetTokens: 2048 },
      { thinking: { type: "enabled", budget_tokens: 2048 } },
    ],
    [
      "effort alone: adaptive thinking, tuned by output_config.effort",
      { effort: "low" },
      { thinking: { type: "adaptive" }, output_config: { effort: "low" } },
    ],
    [
      "effort and budgetTokens: both",
      { effort: "high", budgetTokens: 3000 },
      { thinking: { type: "enabled", budget_tokens: 3000 }, output_config: { effort: "high" } },
    ],
    ["an empty object: adaptive thinking", {}, { thinking: { type: "adaptive" } }],
    [
      "includeText: false: the thinking display omitted",
      { effort: "medium", includeText: false },
      { thinking: { type: "adaptive", display: "omitted" }, output_config: { effort: "medium" } },
    ],
    [
      "includeText: true: the thinking display summarized",
      { budgetTokens: 1024, includeText: true },
      { thinking: { type: "enabled", budget_tokens: 1024, display: "summarized" } },
    ],
  ] as const)("%s", async (_, reasoning, expected) => {
    const body = await bodyWith({ reasoning });
    expect({ thinking: body.thinking, output_config: body.output_config }).toEqual({
      output_config: undefined,
      ...expected,
    });
    expect(body).not.toHaveProperty("reasoning");
  });

  it("merges the effort with Anthropic's other output_config fields and a structured output's format", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const local = await startAnthropicMessagesServer((request) => {
      sent.push(request.body as Record<string, unknown>);
      return { events: createAnthropicTextEvents('{"title":"Pie"}') };
    });
    try {
      class Dish extends AnthropicPrompt({
        template: "Name a dish.",
        output: z.object({ title: z.string() }),
        client: clientOf(local),
      }) {}
      await new Dish().stream({ reasoning: { effort: "high" } }).object();
      expect(sent[0]?.output_config).toEqual({
        effort: "high",
        format: { type: "json_schema", schema: expect.objectContaining({ type: "object" }) },
      });
      expect(sent[0]?.thinking).toEqual({ type: "adaptive" });
    } finally {
      await local.close();
    }
  });
});

describe("thinking rules, checked before anything is sent", () => {
  const getWeather = defineTool({ name: "get_weather", parameters: z.object({ city: z.string() }) });

  class WeatherPrompt extends AnthropicPrompt({ template: "Weather in Oslo?", tools: [getWeather] }) {}

  function refusal(params: AnthropicCallParams, withTools = false) {
    const before = server.requests.length;
    const Recipe = recipePromptFor(client);
    const error = thrownBy(() =>
      withTools
        ? new WeatherPrompt().stream(params, { client })
        : new Recipe({ ingredient: INGREDIENT }).stream(params),
    );
    expect(server.requests.length).toBe(before);
    expect(error).toBeInstanceOf(CallParamsError);
    return error as CallParamsError;
  }

  it.each([
    ["a budget under 1024", { reasoning: { budgetTokens: 1000 } }, "reasoning.budgetTokens", /at least 1024/],
    [
      "a budget not under the default max_tokens",
      { reasoning: { budgetTokens: 4096 } },
      "reasoning.budgetTokens",
      /less than `maxTokens` \(the default 4096.*Set `maxTokens` above it \(e\.g\. 8192\)/,
    ],
    [
      "a budget not under maxTokens",
      { maxTokens: 2000, reasoning: { budgetTokens: 2000 } },
      "reasoning.budgetTokens",
      /less than `maxTokens` \(2000\)/,
    ],
    [
      "native thinking's budget over max_tokens",
      { maxTokens: 1500, thinking: { type: "enabled", budget_tokens: 2048 } },
      "thinking.budget_tokens",
      /less than `maxTokens`/,
    ],
    [
      "reasoning beside native thinking",
      { reasoning: { effort: "low" }, thinking: { type: "adaptive" } },
      "thinking",
      /both the neutral `reasoning` and Anthropic's native `thinking`: give one/,
    ],
    [
      "reasoning.effort beside native output_config.effort",
      { reasoning: { effort: "low" }, output_config: { effort: "max" } },
      "output_config.effort",
      /give one/,
    ],
    [
      "a native tool_choice that forces a tool, with native thinking",
      { thinking: { type: "adaptive" }, tool_choice: { type: "any" } },
      "tool_choice",
      /only the "auto" and "none" tool choices with thinking \(`thinking`\)/,
    ],
  ] as const)("refuses %s", (_, params, param, message) => {
    const error = refusal(params);
    expect(error).toMatchObject({ code: "invalid_param", param, provider: "anthropic" });
    expect(error.message).toMatch(message);
  });

  it("refuses Anthropic's top_k with thinking on 0.x, and at all on 1.x (whose API has none)", () => {
    const error = refusal({ reasoning: { effort: "low" }, top_k: 5 } as AnthropicCallParams);
    if (TESTED_SDK_LINE === "0.x") {
      expect(error).toMatchObject({ code: "invalid_param", param: "top_k", provider: "anthropic" });
      expect(error.message).toMatch(/cannot be set with thinking \(`reasoning`\)/);
    } else {
      expect(error).toMatchObject({ code: "unsupported_param", param: "top_k", provider: "anthropic" });
    }
  });

  it.each([["required" as const], [{ name: "get_weather" }]])(
    "refuses toolChoice %j with reasoning, for a prompt with tools",
    (toolChoice) => {
      const error = refusal({ toolChoice, reasoning: { effort: "medium" } }, true);
      expect(error).toMatchObject({ code: "invalid_param", param: "toolChoice" });
      expect(error.message).toMatch(/forces a tool call, and Anthropic allows only the "auto" and "none" tool choices/);
    },
  );

  it("refuses a structured output in tool mode with reasoning, naming the json_schema mode", () => {
    class Dish extends AnthropicPrompt({ template: "Name a dish.", output: z.object({ title: z.string() }), client }) {}
    const before = server.requests.length;
    const error = thrownBy(() => new Dish().stream({ reasoning: { effort: "low" } }, { outputMode: "tool" }));
    expect(server.requests.length).toBe(before);
    expect(error).toMatchObject({ name: "CallParamsError", param: "output" });
    expect((error as Error).message).toContain('outputMode: "json_schema"');
  });

  it("accepts toolChoice auto and none with reasoning, and sends them", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const local = await startAnthropicMessagesServer((request) => {
      sent.push(request.body as Record<string, unknown>);
      return { events: createAnthropicTextEvents("Sunny.") };
    });
    try {
      class Weather extends AnthropicPrompt({ template: "Weather?", tools: [getWeather], client: clientOf(local) }) {}
      await new Weather().stream({ toolChoice: "none", reasoning: { budgetTokens: 1024 } }).text();
      expect(sent[0]).toMatchObject({
        tool_choice: { type: "none" },
        thinking: { type: "enabled", budget_tokens: 1024 },
      });
    } finally {
      await local.close();
    }
  });
});
