/**
 * The tool loop's rules around its edges: a step cut off by the token limit, a forced tool choice,
 * `maxSteps` itself, `stream.attempts`, `fallback()`, and the tools an adapter checks its params against.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AdapterV1ValidationContext,
  CallParamsError,
  definePrompt,
  defineTool,
  fallback,
  ProviderError,
} from "../index.js";
import { rejectionOf, thrownBy } from "../test-support.js";
import { answerStep, callDeltas, callingStep, createToolAdapter } from "./tool-adapter.test-support.js";

const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, temperature: 20 }),
});
const paris = { id: "w1", name: "get_weather", args: '{"city":"Paris"}' };

describe("the tool loop's rules", () => {
  it("reports a call cut off by the token limit as incomplete, never runs it, and ends the loop", async () => {
    const adapter = createToolAdapter({
      streams: [
        [
          { content: "Checking." },
          { toolCallDeltas: callDeltas(0, { ...paris, args: '{"city":"Par' }) },
          { finishReason: "length" },
        ],
      ],
    });
    const ran: string[] = [];
    const tool = defineTool({
      name: "get_weather",
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => ran.push(city),
    });
    class Agent extends definePrompt(adapter)({ template: "Weather?", tools: [tool], maxSteps: 3 }) {}
    const response = await new Agent().stream().response();
    expect(response.finishReason).toBe("length");
    expect(response.toolCalls).toEqual([]);
    expect(response.invalidToolCalls.map(({ id, error }) => [id, error.code, error.argsText])).toEqual([
      ["w1", "incomplete", '{"city":"Par'],
    ]);
    expect(response.invalidToolCalls[0]?.error.message).toContain("token limit");
    expect(ran).toEqual([]);
    expect(adapter.requests).toHaveLength(1);
  });

  it("reports even an argument-less call cut off by the token limit as incomplete, not as a call with {}", async () => {
    const adapter = createToolAdapter({
      streams: [
        [
          { toolCallDeltas: [{ index: 0, id: "w1", name: "get_weather", argsTextDelta: "" }] },
          { finishReason: "length" },
        ],
      ],
    });
    class Agent extends definePrompt(adapter)({ template: "Weather?", tools: [getWeather] }) {}
    const { toolCalls, invalidToolCalls } = await new Agent().stream().response();
    expect(toolCalls).toEqual([]);
    expect(invalidToolCalls.map((call) => call.error.code)).toEqual(["incomplete"]);
  });

  it("forces a tool choice on the first step only, so that the loop can end", async () => {
    const adapter = createToolAdapter({ streams: [callingStep([paris]), answerStep("20 degrees.")] });
    class Agent extends definePrompt(adapter)({
      template: "Weather?",
      tools: [getWeather],
      maxSteps: 4,
      callParams: { toolChoice: "required", parallelToolCalls: false },
    }) {}
    expect(await new Agent().stream().text()).toBe("20 degrees.");
    expect(adapter.requests.map((request) => request.params)).toEqual([
      { toolChoice: "required", parallelToolCalls: false },
      { parallelToolCalls: false },
    ]);
  });

  it.each([0, 2.5, Number.NaN, -1])("refuses maxSteps %s before sending", async (maxSteps) => {
    const adapter = createToolAdapter({ streams: [answerStep("hi")] });
    class Agent extends definePrompt(adapter)({ template: "Weather?", tools: [getWeather] }) {}
    const error = thrownBy(() => new Agent(undefined, { maxSteps }).stream());
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "invalid_param", param: "maxSteps" });
    expect(await rejectionOf(new Agent(undefined, { maxSteps }).call())).toBeInstanceOf(CallParamsError);
    expect(adapter.requests).toHaveLength(0);
  });

  it("counts every request of the loop, retries included, in stream.attempts", async () => {
    const overloaded = ProviderError.create("busy", { code: "overloaded", provider: "memory", status: 529 });
    const adapter = createToolAdapter({
      streams: [callingStep([paris]), { refuse: overloaded }, answerStep("20 degrees.")],
    });
    class Agent extends definePrompt(adapter)({
      template: "Weather?",
      tools: [getWeather],
      maxSteps: 3,
      retryDelayMs: 1,
    }) {}
    const stream = new Agent().stream();
    expect(await stream.text()).toBe("20 degrees.");
    expect(adapter.requests).toHaveLength(3);
    expect(stream.attempts).toBe(3);
  });

  it("hands the adapter's validateParams the prompt's tools, so that a clash fails from stream()", () => {
    const contexts: Array<AdapterV1ValidationContext | undefined> = [];
    const base = createToolAdapter({ streams: [answerStep("hi")] });
    const adapter = {
      ...base,
      validateParams(_params: object, context?: AdapterV1ValidationContext) {
        contexts.push(context);
        if (context?.tools?.some((tool) => tool.name === "get_weather")) {
          throw new CallParamsError("clash", { code: "invalid_param", param: "tools" });
        }
      },
    };
    class Agent extends definePrompt(adapter)({ template: "Weather?", tools: [getWeather] }) {}
    expect(thrownBy(() => new Agent().stream())).toMatchObject({ message: "clash", param: "tools" });
    expect(contexts[0]?.tools?.map((tool) => tool.name)).toEqual(["get_weather"]);
    class Plain extends definePrompt(adapter)({ template: "Hi" }) {}
    void new Plain().stream();
    expect(contexts[1]).toEqual({ tools: undefined });
  });

  it("is refused by fallback(), which cannot chain prompts with tools yet", () => {
    const adapter = createToolAdapter({ streams: [answerStep("hi")] });
    class Agent extends definePrompt(adapter)({ template: "Weather?", tools: [getWeather] }) {}
    class Plain extends definePrompt(adapter)({ template: "Weather?" }) {}
    // The test adapter's own response type does not fit fallback()'s; what counts here is the refusal at run time.
    const prompts = [new Plain(), new Agent()] as unknown as Parameters<typeof fallback>[0];
    const error = thrownBy(() => fallback(prompts).stream());
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param: "tools" });
    expect(adapter.requests).toHaveLength(0);
  });
});
