import { afterEach, describe, expect, it } from "vitest";
import { createUsageMeter, definePrompt, type PriceTable, StreamAbortedError, useMiddleware } from "../index.js";
import { createToolAdapter, usage } from "../tools/tool-adapter.test-support.js";

/** Made-up prices for the tests (per million tokens): not any provider's. */
const prices: PriceTable = { models: { "tool-model-1": { input: 1_000, output: 10_000 } } };

const noCalls = {
  calls: 0,
  failures: 0,
  aborted: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  cachedInputTokens: 0,
  cacheCreationInputTokens: 0,
  reasoningTokens: 0,
  cost: undefined,
  unpricedCalls: 0,
};

describe("createUsageMeter", () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  it("counts calls, tokens and cost in total, by prompt class and by model", async () => {
    const meter = createUsageMeter({ prices });
    const adapter = createToolAdapter({
      streams: [
        [{ content: "a" }, { finishReason: "stop", usage: usage(100, 10) }],
        [{ content: "b" }, { finishReason: "stop", usage: usage(200, 20) }],
      ],
      calls: [{ content: "c", usage: usage(300, 30) }],
    });
    const Prompt = definePrompt(adapter);
    class Summarize extends Prompt({ template: "Sum up", middleware: [meter.middleware] }) {}
    class Translate extends Prompt({ template: "Translate", middleware: [meter.middleware] }) {}
    await new Summarize().stream().text();
    await new Summarize().stream().text();
    await new Translate().call();

    const total = meter.total();
    expect(total).toMatchObject({ calls: 3, failures: 0, inputTokens: 600, outputTokens: 60, totalTokens: 660 });
    expect(total.cost?.total).toBeCloseTo((600 * 1_000 + 60 * 10_000) / 1e6, 12);
    expect(total.cost).toMatchObject({ currency: "USD", cachedInput: 0, reasoning: 0 });
    expect([...meter.byPrompt().keys()]).toEqual(["Summarize", "Translate"]);
    expect(meter.byPrompt().get("Summarize")).toMatchObject({ calls: 2, inputTokens: 300, outputTokens: 30 });
    expect(meter.byPrompt().get("Translate")?.cost?.total).toBeCloseTo(0.6, 12);
    expect(meter.byModel().get("tool-model-1")).toMatchObject({ calls: 3, inputTokens: 600 });
  });

  it("counts failed and aborted calls under the model asked for, with no tokens", async () => {
    const meter = createUsageMeter();
    const adapter = createToolAdapter({ streams: [[{ fail: new Error("boom") }], [{ hang: true }]] });
    class Ask extends definePrompt(adapter)({ template: "Hi", maxRetries: 0, callParams: { model: "asked-for" } }) {}
    stops.push(useMiddleware(meter.middleware));
    await expect(new Ask().stream().text()).rejects.toThrow();
    const controller = new AbortController();
    const aborted = new Ask(undefined, { signal: controller.signal }).stream().text();
    setTimeout(() => controller.abort(), 5);
    await expect(aborted).rejects.toBeInstanceOf(StreamAbortedError);
    expect(meter.total()).toEqual({ ...noCalls, calls: 2, failures: 1, aborted: 1 });
    expect([...meter.byModel().keys()]).toEqual(["asked-for"]);
  });

  it("sums the cost responses carry when it has no prices, and counts the calls it cannot price", async () => {
    const meter = createUsageMeter();
    const adapter = createToolAdapter({
      calls: [
        { content: "priced", usage: usage(1_000, 100) },
        { content: "not", usage: usage(1_000, 100) },
      ],
    });
    class Ask extends definePrompt(adapter)({ template: "Hi", middleware: [meter.middleware] }) {}
    await new Ask(undefined, { prices }).call();
    await new Ask().call();
    const total = meter.total();
    expect(total).toMatchObject({ calls: 2, inputTokens: 2_000, unpricedCalls: 1 });
    expect(total.cost?.total).toBeCloseTo(2, 12);
  });

  it("hands out copies, and forgets everything on reset()", async () => {
    const meter = createUsageMeter({ prices });
    const adapter = createToolAdapter({ calls: [{ content: "a", usage: usage(1, 1) }] });
    class Ask extends definePrompt(adapter)({ template: "Hi", middleware: [meter.middleware] }) {}
    const before = meter.total();
    await new Ask().call();
    expect(before.calls).toBe(0);
    expect(meter.total().calls).toBe(1);
    meter.reset();
    expect(meter.total()).toEqual(noCalls);
    expect(meter.byPrompt().size).toBe(0);
    expect(meter.byModel().size).toBe(0);
  });
});
