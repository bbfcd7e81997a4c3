import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt, defineTool, type FallbackCandidate, fallback, RateLimitError, ServerError } from "../index.js";
import {
  createMemoryAdapter,
  helloScript,
  usage as helloUsage,
  promptFor,
} from "../stream/response-stream.test-support.js";
import { answerStep, callingStep, createToolAdapter, usage } from "../tools/tool-adapter.test-support.js";

const busy = () => new RateLimitError("slow down", { provider: "memory" });

/**
 * A prompt as fallback() takes it. Built from core's source, a stream's private fields make its
 * response type invariant, so a prompt whose response has fields of its own is cast here; through
 * the published types (examples/swap-provider) no cast is needed.
 */
const asCandidate = (prompt: unknown) => prompt as FallbackCandidate;

describe("usage across retries, tool-loop steps and fallback", () => {
  it("is the successful attempt's after a stream's retries: an attempt that failed before its first chunk adds none", async () => {
    let opened = 0;
    const adapter = createMemoryAdapter(() => (++opened === 1 ? [{ fail: busy() }] : helloScript));
    const Recipe = promptFor(adapter);
    const stream = new Recipe({ ingredient: "x" }, { retryDelayMs: 1 }).stream();
    const response = await stream.response();
    expect(stream.attempts).toBe(2);
    expect(response.usage).toEqual(helloUsage);
  });

  it("is the successful attempt's after call()'s retries", async () => {
    const adapter = createToolAdapter({
      calls: [
        { refuse: busy() },
        { refuse: new ServerError("down", { provider: "memory" }) },
        { content: "ok", usage: usage(12, 4) },
      ],
    });
    class Ask extends definePrompt(adapter)({ template: "Hi", retryDelayMs: 1, maxRetries: 2 }) {}
    expect((await new Ask().call()).usage).toEqual(usage(12, 4));
    expect(adapter.requests).toHaveLength(3);
  });

  it("is summed over a tool loop's steps, a retried step counting its successful attempt only", async () => {
    const weather = defineTool({
      name: "get_weather",
      description: "The weather in a city",
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => `${city}: 21°C`,
    });
    const adapter = createToolAdapter({
      streams: [
        callingStep([{ id: "call_1", name: "get_weather", args: '{"city":"Paris"}' }], { usage: usage(10, 5) }),
        { refuse: busy() },
        answerStep("Sunny.", usage(30, 8)),
      ],
    });
    class Forecast extends definePrompt(adapter)({
      template: "Weather?",
      tools: [weather],
      maxSteps: 3,
      retryDelayMs: 1,
    }) {}
    const response = await new Forecast().call();
    expect(adapter.requests).toHaveLength(3);
    expect(response.usage).toEqual(usage(40, 13));
    expect(response.steps.map((step) => step.usage)).toEqual([usage(10, 5), usage(30, 8)]);
  });

  it("is the answering prompt's with fallback(), for a stream and a call", async () => {
    const First = promptFor(createMemoryAdapter([{ fail: busy() }]));
    const Second = promptFor(createMemoryAdapter(helloScript));
    const chain = fallback([
      asCandidate(new First({ ingredient: "x" }, { maxRetries: 0 })),
      asCandidate(new Second({ ingredient: "x" })),
    ]);
    expect((await chain.stream().response()).usage).toEqual(helloUsage);

    const A = definePrompt(createToolAdapter({ calls: [{ refuse: busy() }] }));
    const B = definePrompt(createToolAdapter({ calls: [{ content: "ok", usage: usage(3, 2) }] }));
    class Left extends A({ template: "Hi", maxRetries: 0 }) {}
    class Right extends B({ template: "Hi" }) {}
    const called = await fallback([asCandidate(new Left()), asCandidate(new Right())]).call();
    expect(called.answeredBy).toEqual({ index: 1, provider: "memory" });
    expect(called.usage).toEqual(usage(3, 2));
  });
});
