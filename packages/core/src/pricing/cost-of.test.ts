import { describe, expect, it } from "vitest";
import { costOf, type PriceTable, priceForModel, type Usage } from "../index.js";

/** An example table for the tests: made-up round prices, not any provider's. */
const prices: PriceTable = {
  currency: "EUR",
  models: {
    small: { input: 1, cachedInput: 0.5, cacheWrite: 1.25, output: 4, reasoning: 8 },
    plain: { input: 2, output: 10 },
    "small-2025-01-31": { input: 3, output: 30 },
  },
};

function usage(fields: Partial<Usage>): Usage {
  return {
    inputTokens: undefined,
    outputTokens: undefined,
    totalTokens: undefined,
    cachedInputTokens: undefined,
    reasoningTokens: undefined,
    ...fields,
  };
}

describe("costOf", () => {
  it("prices each kind of token once: cached and cache-written input apart from input, reasoning apart from output", () => {
    const cost = costOf(
      usage({
        inputTokens: 1_000_000,
        cachedInputTokens: 400_000,
        cacheCreationInputTokens: 100_000,
        outputTokens: 300_000,
        reasoningTokens: 100_000,
      }),
      "small",
      prices,
    );
    expect(cost).toEqual({
      input: 0.5, // 500 000 uncached at 1
      cachedInput: 0.2, // 400 000 at 0.5
      cacheWrite: 0.125, // 100 000 at 1.25
      output: 0.8, // 200 000 at 4
      reasoning: 0.8, // 100 000 at 8
      total: 0.5 + 0.2 + 0.125 + 0.8 + 0.8,
      currency: "EUR",
    });
  });

  it("charges cached input, cache writes and reasoning at the input and output prices when the model has none of its own", () => {
    const cost = costOf(
      usage({ inputTokens: 2000, cachedInputTokens: 1000, outputTokens: 500, reasoningTokens: 200 }),
      "plain",
      prices,
    );
    expect(cost).toMatchObject({ input: 0.002, cachedInput: 0.002, cacheWrite: 0, output: 0.003, reasoning: 0.002 });
    expect(cost?.total).toBeCloseTo(0.009, 12);
  });

  it("is undefined, never 0, for a model without a price, an unknown model or usage, or a missing count", () => {
    const counted = usage({ inputTokens: 10, outputTokens: 5 });
    expect(costOf(counted, "gpt-unknown", prices)).toBeUndefined();
    expect(costOf(counted, undefined, prices)).toBeUndefined();
    expect(costOf(undefined, "small", prices)).toBeUndefined();
    expect(costOf(usage({ inputTokens: 10 }), "small", prices)).toBeUndefined();
    expect(costOf(usage({ outputTokens: 5 }), "small", prices)).toBeUndefined();
  });

  it("reports USD when the table names no currency", () => {
    const cost = costOf(usage({ inputTokens: 1_000_000, outputTokens: 0 }), "m", {
      models: { m: { input: 3, output: 6 } },
    });
    expect(cost).toMatchObject({ total: 3, input: 3, currency: "USD" });
  });
});

describe("priceForModel", () => {
  const table: PriceTable = {
    models: {
      "gpt-4o": { input: 2.5, output: 10 },
      "gpt-4o-mini": { input: 0.15, output: 0.6 },
      "gpt-4": { input: 30, output: 60 },
      "claude-sonnet-4": { input: 3, output: 15 },
      "gemini-2.0-flash": { input: 0.1, output: 0.4 },
      "claude-3-5-sonnet-v2": { input: 3, output: 15 },
    },
  };

  it("finds a model as written, then without a snapshot suffix", () => {
    expect(priceForModel("gpt-4o-mini", table)?.input).toBe(0.15);
    expect(priceForModel("gpt-4o-mini-2024-07-18", table)?.input).toBe(0.15);
    expect(priceForModel("gpt-4o-2024-08-06", table)?.input).toBe(2.5);
    expect(priceForModel("gpt-4-0613", table)?.input).toBe(30);
    expect(priceForModel("claude-sonnet-4-20250514", table)?.input).toBe(3);
    expect(priceForModel("claude-3-5-sonnet-v2@20241022", table)?.input).toBe(3);
    expect(priceForModel("gemini-2.0-flash-001", table)?.input).toBe(0.1);
    expect(priceForModel("gemini-2.0-flash-latest", table)?.input).toBe(0.1);
  });

  it("prefers a snapshot's own row to its base model's", () => {
    expect(priceForModel("small-2025-01-31", prices)?.input).toBe(3);
    expect(priceForModel("small-2025-02-28", prices)?.input).toBe(1);
  });

  it("never takes another model's price for a name that only starts with it", () => {
    expect(priceForModel("gpt-4.1", table)).toBeUndefined();
    expect(priceForModel("gpt-4-turbo", table)).toBeUndefined();
    expect(priceForModel("gpt-4o-audio-preview", table)).toBeUndefined();
    expect(priceForModel("claude-sonnet-4-5-20250929", table)).toBeUndefined();
    expect(priceForModel("gemini-2.0-flash-lite", table)).toBeUndefined();
    expect(priceForModel("toString", table)).toBeUndefined();
  });
});
