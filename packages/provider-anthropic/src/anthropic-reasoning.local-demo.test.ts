/**
 * The thinking round trip against the testkit's local Anthropic server, which (like Anthropic)
 * refuses a tool loop whose assistant turn does not start with the signed thinking block it
 * streamed: the demo agent's three turns go through only if every turn's block went back unchanged.
 */
import { defineTool } from "@promptstream/core";
import { useLocalAnthropicWhenNoKey } from "@promptstream/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AnthropicPrompt } from "./index.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

const TEMPERATURES: Readonly<Record<string, number>> = { Paris: 18, Rome: 24 };

const getWeather = defineTool({
  name: "get_weather",
  description: "Current weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, temperature: TEMPERATURES[city] ?? 0 }),
});

const calculate = defineTool({
  name: "calculate",
  description: "Evaluates a subtraction",
  parameters: z.object({ expression: z.string() }),
  execute: ({ expression }) => {
    const [left = 0, right = 0] = expression.split("-").map(Number);
    return String(left - right);
  },
});

class WeatherAgent extends AnthropicPrompt({
  template: "USER: How much warmer is Rome than Paris?",
  tools: [getWeather, calculate],
  maxSteps: 3,
}) {}

describe("thinking with tools against the local demo server", () => {
  it("completes the three-step tool loop, sending each signed thinking block back", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    vi.stubEnv("ANTHROPIC_BASE_URL", "");
    const stop = await useLocalAnthropicWhenNoKey({ eventDelayMs: 0, log: () => {} });
    try {
      const client = { maxRetries: 0, logLevel: "off" } as const;
      const stream = new WeatherAgent().stream({ maxTokens: 8000, reasoning: { budgetTokens: 2048 } }, { client });
      let reasoning = "";
      for await (const chunk of stream) if (chunk.kind === undefined) reasoning += chunk.reasoning;
      const response = await stream.response();
      expect(response.content).toMatch(/^Rome is 6°C warmer than Paris/);
      expect(response.steps).toHaveLength(3);
      expect(reasoning.match(/The user asks:/g)).toHaveLength(3);
      expect(response.message.reasoning?.[0]?.signature).toMatch(/^local-/);
    } finally {
      await stop();
    }
  });

  it("fails as Anthropic would when the thinking is not sent back (the history dropped it)", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    vi.stubEnv("ANTHROPIC_BASE_URL", "");
    const stop = await useLocalAnthropicWhenNoKey({ eventDelayMs: 0, log: () => {} });
    try {
      const client = { maxRetries: 0, logLevel: "off" } as const;
      const params = { maxTokens: 8000, reasoning: { budgetTokens: 2048 } };
      const first = await new WeatherAgent().stream(params, { client, maxSteps: 1 }).response();
      class Continue extends AnthropicPrompt({ template: "MESSAGES: {history}", tools: [getWeather, calculate] }) {}
      const history = [
        { role: "user" as const, content: "How much warmer is Rome than Paris?" },
        { ...first.message, reasoning: undefined },
        ...first.toolCalls.map((call) => ({
          role: "tool" as const,
          toolCallId: call.id,
          content: JSON.stringify({ temperature: TEMPERATURES["city" in call.args ? call.args.city : ""] ?? 0 }),
        })),
      ];
      const error = await new Continue({ history })
        .stream(params, { client })
        .text()
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "InvalidRequestError", status: 400 });
      expect((error as Error).message).toMatch(/must start with a thinking block/);
    } finally {
      await stop();
    }
  });
});
