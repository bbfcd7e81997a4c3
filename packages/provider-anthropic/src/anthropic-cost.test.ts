/**
 * Cost end to end on Anthropic: the real SDK streams from a loopback server whose usage reports
 * cache reads and writes apart from `input_tokens`; the response's `cost` prices each at its own
 * rate from the price table given.
 */
import type { PriceTable } from "@promptstream/core";
import { createAnthropicTextEvents, startAnthropicMessagesServer } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { AnthropicPrompt } from "./index.js";

/** Made-up prices for the test, per million tokens: not Anthropic's. */
const prices: PriceTable = {
  currency: "USD",
  models: { "claude-test": { input: 4, cachedInput: 0.4, cacheWrite: 5, output: 20 } },
};

describe("cost from Anthropic's usage", () => {
  it("prices uncached input, cache reads, cache writes and output apart", async () => {
    const server = await startAnthropicMessagesServer(() => ({
      events: createAnthropicTextEvents("Reset it in Settings.", {
        model: "claude-test-20260115",
        usage: {
          input_tokens: 100_000,
          cache_read_input_tokens: 500_000,
          cache_creation_input_tokens: 200_000,
          output_tokens: 50_000,
        },
      }),
    }));
    try {
      class Support extends AnthropicPrompt({
        template: "USER: How do I reset?",
        client: { baseURL: server.url, apiKey: "sk-ant-cost" },
      }) {}
      const response = await new Support().stream(undefined, { prices }).response();
      expect(response.usage).toMatchObject({
        inputTokens: 800_000,
        cachedInputTokens: 500_000,
        cacheCreationInputTokens: 200_000,
        outputTokens: 50_000,
      });
      // 100 000 × 4, 500 000 × 0.4, 200 000 × 5, 50 000 × 20, per million.
      expect(response.cost).toEqual({
        total: 0.4 + 0.2 + 1 + 1,
        input: 0.4,
        cachedInput: 0.2,
        cacheWrite: 1,
        output: 1,
        reasoning: 0,
        currency: "USD",
      });
    } finally {
      await server.close();
    }
  });
});
