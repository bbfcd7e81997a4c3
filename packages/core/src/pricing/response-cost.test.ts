import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type CallResponse,
  definePrompt,
  defineTool,
  type FallbackCandidate,
  fallback,
  type Middleware,
  type PriceTable,
  RateLimitError,
} from "../index.js";
import {
  createMemoryAdapter,
  helloScript,
  usage as helloUsage,
  promptFor,
} from "../stream/response-stream.test-support.js";
import { answerStep, callingStep, createToolAdapter, usage } from "../tools/tool-adapter.test-support.js";

/** Made-up prices for the tests (per million tokens): not any provider's. */
const prices: PriceTable = {
  models: {
    "memory-1": { input: 1_000, output: 2_000 },
    "tool-model-1": { input: 100, cachedInput: 10, output: 1_000 },
    "tool-model-2": { input: 200, output: 2_000 },
  },
};

// helloScript reports 7 input and 3 output tokens: 7 × 1000 + 3 × 2000 per million.
const helloCost = {
  total: 0.013,
  input: 0.007,
  cachedInput: 0,
  cacheWrite: 0,
  output: 0.006,
  reasoning: 0,
  currency: "USD",
};

const weather = defineTool({
  name: "get_weather",
  description: "The weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `${city}: 21°C`,
});
const paris = { id: "call_1", name: "get_weather", args: '{"city":"Paris"}' };

/**
 * A prompt as fallback() takes it. Built from core's source, a stream's private fields make its
 * response type invariant, so a prompt whose response has fields of its own is cast here; through
 * the published types (examples/swap-provider) no cast is needed.
 */
const asCandidate = (prompt: unknown) => prompt as FallbackCandidate;

describe("cost on responses", () => {
  it("is set on a stream's response from its usage and model when `prices` is given", async () => {
    const Recipe = promptFor(createMemoryAdapter(helloScript));
    const stream = new Recipe({ ingredient: "apples" }, { prices }).stream();
    const response = await stream.response();
    expect(response.cost?.total).toBeCloseTo(helloCost.total, 12);
    expect(response.cost).toEqual({ ...helloCost, total: response.cost?.total });
    // The adapter's response is priced in place, not copied: its own fields stay as they were.
    expect(response.requestNumber).toBe(1);
  });

  it("is absent without `prices`, and undefined when the table has no price for the model", async () => {
    const Recipe = promptFor(createMemoryAdapter(helloScript));
    const plain = await new Recipe({ ingredient: "apples" }).stream().response();
    expect("cost" in plain).toBe(false);
    const unpriced = await new Recipe({ ingredient: "apples" }, { prices: { models: {} } }).stream().response();
    expect("cost" in unpriced).toBe(true);
    expect(unpriced.cost).toBeUndefined();
  });

  it("takes the call's table over the instance's, and the instance's over the definition's", async () => {
    const Prompt = definePrompt(createMemoryAdapter(helloScript));
    const tenfold: PriceTable = { currency: "EUR", models: { "memory-1": { input: 10_000, output: 20_000 } } };
    class Ask extends Prompt({ template: "Hi", prices: { currency: "GBP", models: prices.models } }) {}
    expect((await new Ask().stream().response()).cost?.currency).toBe("GBP");
    expect((await new Ask(undefined, { prices }).stream().response()).cost?.currency).toBe("USD");
    const byCall = await new Ask(undefined, { prices }).stream(undefined, { prices: tenfold }).response();
    expect(byCall.cost).toMatchObject({ currency: "EUR" });
    expect(byCall.cost?.total).toBeCloseTo(0.13, 12);
  });

  it("is set on call()'s response, before the middleware's observers see it", async () => {
    const adapter = createToolAdapter({ calls: [{ content: "Hello", usage: usage(1_000, 100) }] });
    const seen: Array<CallResponse["cost"]> = [];
    const observer: Middleware = { onCall: () => ({ onFinish: (response) => seen.push(response.cost) }) };
    class Ask extends definePrompt(adapter)({ template: "Hi", prices, middleware: [observer] }) {}
    const response = await new Ask().call();
    expect(response.cost).toMatchObject({ input: 0.1, output: 0.1, currency: "USD" });
    expect(seen).toEqual([response.cost]);
  });

  it("sums a tool loop's steps, each at the price of the model that answered it", async () => {
    const adapter = createToolAdapter({
      streams: [
        callingStep([paris], { usage: { ...usage(1_000, 100), cachedInputTokens: 500 } }),
        answerStep("Sunny.", usage(2_000, 200)),
      ],
    });
    // A middleware that has the second step answered by another model.
    const secondModel: Middleware = {
      wrapStream: async (request, next) => {
        const stream = await next(request);
        if (request.step === 0) return stream;
        return {
          ...stream,
          createResponse: (summary) => ({ ...stream.createResponse(summary), model: "tool-model-2" }),
        };
      },
    };
    class Forecast extends definePrompt(adapter)({
      template: "Weather in {city}?",
      tools: [weather],
      maxSteps: 3,
      prices,
      middleware: [secondModel],
    }) {}
    const response = await new Forecast({ city: "Paris" }).stream().response();
    expect(response.usage).toMatchObject({ inputTokens: 3_000, outputTokens: 300, cachedInputTokens: 500 });
    // Step 0 at tool-model-1: 500 × 100 + 500 × 10 + 100 × 1000; step 1 at tool-model-2: 2000 × 200 + 200 × 2000.
    expect(response.cost?.input).toBeCloseTo(0.05 + 0.4, 12);
    expect(response.cost?.cachedInput).toBeCloseTo(0.005, 12);
    expect(response.cost?.output).toBeCloseTo(0.1 + 0.4, 12);
    expect(response.cost?.total).toBeCloseTo(0.955, 12);
  });

  it("leaves a tool loop's cost undefined when one of its steps has no price", async () => {
    const adapter = createToolAdapter({
      streams: [callingStep([paris], { usage: usage(1_000, 100) }), answerStep("Sunny.", usage(2_000, 200))],
    });
    const onlyFirst: PriceTable = { models: { "tool-model-1": { input: 1, output: 1 } } };
    const renamed: Middleware = {
      wrapStream: async (request, next) => {
        const stream = await next(request);
        const model = request.step === 0 ? "tool-model-1" : "unpriced";
        return { ...stream, createResponse: (summary) => ({ ...stream.createResponse(summary), model }) };
      },
    };
    class Forecast extends definePrompt(adapter)({ template: "Weather?", tools: [weather], maxSteps: 3 }) {}
    const response = await new Forecast(undefined, { prices: onlyFirst, middleware: [renamed] }).call();
    expect(response.steps).toHaveLength(2);
    expect("cost" in response).toBe(true);
    expect(response.cost).toBeUndefined();
  });

  it("counts an answer the output schema refused, and asked for again, in the usage and cost", async () => {
    const Answer = z.object({ city: z.string() });
    const adapter = createToolAdapter({
      streams: [
        [{ content: '{"town":"Paris"}' }, { finishReason: "stop", usage: usage(1_000, 10) }],
        [{ content: '{"city":"Paris"}' }, { finishReason: "stop", usage: usage(1_100, 10) }],
      ],
    });
    class Where extends definePrompt(adapter)({ template: "Where?", output: { schema: Answer, reask: 1 }, prices }) {}
    const response = await new Where().call();
    expect(response.object).toEqual({ city: "Paris" });
    expect(response.usage).toMatchObject({ inputTokens: 2_100, outputTokens: 20, totalTokens: 2_120 });
    expect(response.cost?.total).toBeCloseTo((2_100 * 100 + 20 * 1_000) / 1e6, 12);
  });

  it("is the answering prompt's, at its own table, for fallback()", async () => {
    const failing = createMemoryAdapter([{ fail: new RateLimitError("busy", { provider: "memory" }) }]);
    const answering = createMemoryAdapter(helloScript);
    const First = promptFor(failing);
    const Second = promptFor(answering);
    const euros: PriceTable = { currency: "EUR", models: prices.models };
    const chain = fallback([
      asCandidate(new First({ ingredient: "x" }, { maxRetries: 0, prices })),
      asCandidate(new Second({ ingredient: "x" }, { prices: euros })),
    ]);
    const response = await chain.stream().response();
    expect(response.answeredBy.index).toBe(1);
    expect(response.usage).toEqual(helloUsage);
    expect(response.cost).toMatchObject({ currency: "EUR" });
    expect(response.cost?.total).toBeCloseTo(helloCost.total, 12);
  });

  it("is the answering prompt's for fallback().call() too", async () => {
    const First = definePrompt(
      createToolAdapter({ calls: [{ refuse: new RateLimitError("busy", { provider: "memory" }) }] }),
    );
    const Second = definePrompt(createToolAdapter({ calls: [{ content: "ok", usage: usage(1_000, 100) }] }));
    class A extends First({ template: "Hi", maxRetries: 0, prices: { models: {} } }) {}
    class B extends Second({ template: "Hi", prices }) {}
    const response = await fallback([asCandidate(new A()), asCandidate(new B())]).call();
    expect(response.answeredBy.index).toBe(1);
    expect(response.usage).toEqual(usage(1_000, 100));
    expect(response.cost?.total).toBeCloseTo(0.2, 12);
  });
});
