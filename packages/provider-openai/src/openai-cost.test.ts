/**
 * Usage and cost end to end: the real `openai` SDK streams from a loopback server whose usage
 * chunk reports cached and reasoning tokens; the response's `cost` is computed from them with the
 * price table given, and a usage meter counts the calls.
 */
import { createUsageMeter, type PriceTable } from "@promptstream/core";
import { createOpenAITextChunks, startOpenAIChatServer } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIPrompt } from "./index.js";

/** Made-up prices for the test, per million tokens: not OpenAI's. */
const prices: PriceTable = {
  currency: "USD",
  models: { "gpt-test": { input: 2, cachedInput: 0.5, output: 8, reasoning: 16 } },
};

let server: Awaited<ReturnType<typeof startOpenAIChatServer>>;

beforeAll(async () => {
  server = await startOpenAIChatServer(() => ({
    chunks: createOpenAITextChunks("Apple pie.", {
      // A dated snapshot, as OpenAI reports the model: priced as `gpt-test`.
      model: "gpt-test-2026-01-15",
      usage: {
        prompt_tokens: 1_200_000,
        cached_tokens: 1_000_000,
        completion_tokens: 300_000,
        reasoning_tokens: 100_000,
      },
    }),
  }));
});

afterAll(async () => {
  await server.close();
});

describe("cost from the wire's usage", () => {
  it("prices a streamed response's cached input, input, reasoning and output tokens apart", async () => {
    const meter = createUsageMeter();
    class Recipe extends OpenAIPrompt({
      template: "USER: A recipe with {ingredient}",
      callParams: { model: "gpt-test" },
      client: { baseURL: server.baseURL, apiKey: "sk-cost" },
      prices,
      middleware: [meter.middleware],
    }) {}
    const stream = new Recipe({ ingredient: "apples" }).stream();
    expect(await stream.text()).toBe("Apple pie.");
    const response = await stream.response();
    expect(response.model).toBe("gpt-test-2026-01-15");
    expect(response.usage).toMatchObject({
      inputTokens: 1_200_000,
      cachedInputTokens: 1_000_000,
      outputTokens: 300_000,
      reasoningTokens: 100_000,
    });
    // 200 000 uncached × 2, 1 000 000 cached × 0.5, 200 000 output × 8, 100 000 reasoning × 16, per million.
    expect(response.cost).toEqual({
      total: 0.4 + 0.5 + 1.6 + 1.6,
      input: 0.4,
      cachedInput: 0.5,
      cacheWrite: 0,
      output: 1.6,
      reasoning: 1.6,
      currency: "USD",
    });
    // The adapter's own fields are still there: the response was priced in place.
    expect(response.completion.id).toBe("chatcmpl-loopback");
    expect(meter.total()).toMatchObject({ calls: 1, cachedInputTokens: 1_000_000, cost: response.cost });
    expect(meter.byModel().get("gpt-test-2026-01-15")?.calls).toBe(1);
  });
});
