import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { defineTool } from "@promptstream/core";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import {
  createOpenAITextChunks,
  createOpenAIToolCallChunks,
  type OpenAIChatScript,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { otelMiddleware } from "./index.js";
import { createTracing, openAIClient, parentIdOf, spanNamed } from "./otel.test-support.js";

const tracing = createTracing();
let server: Awaited<ReturnType<typeof startOpenAIChatServer>>;
/** Answers the second step with a 429 first, once, when set. */
let limitSecondStepOnce = false;
/** How long each city's tool run took, on the monotonic clock. */
const runMs = new Map<string, number>();

const getWeather = defineTool({
  name: "get_weather",
  description: "The temperature in a city.",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    if (city === "Atlantis") throw new Error("No reading for Atlantis.");
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 15));
    runMs.set(city, performance.now() - started);
    return { city, temperature: city === "Rome" ? 24 : 18 };
  },
});

beforeAll(async () => {
  server = await startOpenAIChatServer((request): OpenAIChatScript => {
    const { messages } = request.body as { messages: Array<{ role: string; content: string }> };
    if (!messages.some((message) => message.role === "tool")) {
      const cities = messages.at(-1)?.content.includes("Atlantis") ? ["Paris", "Atlantis"] : ["Paris", "Rome"];
      return {
        chunks: createOpenAIToolCallChunks([
          "Let me look.",
          ...cities.map((city, index) => ({
            id: `call_${index}`,
            name: "get_weather",
            arguments: JSON.stringify({ city }),
          })),
        ]),
      };
    }
    if (limitSecondStepOnce) {
      limitSecondStepOnce = false;
      return { json: { error: { message: "Slow down.", type: "rate_limit", code: null } }, status: 429 };
    }
    return { chunks: createOpenAITextChunks("Rome is 6 degrees warmer.", { id: "chatcmpl-final" }) };
  });
});
afterEach(() => {
  tracing.reset();
  runMs.clear();
});
afterAll(async () => {
  await server.close();
  await tracing.shutdown();
});

function agent(recordContent = false) {
  return class Agent extends OpenAIPrompt({
    template: "USER: {question}",
    client: openAIClient(server.baseURL),
    callParams: { model: "gpt-4o-mini" },
    tools: [getWeather],
    maxSteps: 3,
    retryDelayMs: 1,
    middleware: [otelMiddleware({ tracerProvider: tracing.tracerProvider, recordContent })],
  }) {};
}

const idOf = (span: ReadableSpan | undefined) => span?.spanContext().spanId;
const named = (spans: readonly ReadableSpan[], name: string) => spans.filter((span) => span.name === name);

describe("otelMiddleware in a tool loop", () => {
  it("puts a span per step under the call, each step's attempts and tool executions under it", async () => {
    const Agent = agent();
    const stream = new Agent({ question: "How much warmer is Rome than Paris?" }).stream();
    expect(await stream.text()).toContain("Rome is 6 degrees warmer.");
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    const steps = named(spans, "promptstream.step").sort(
      (a, b) => Number(a.attributes["promptstream.step"]) - Number(b.attributes["promptstream.step"]),
    );
    expect(steps.map((step) => [step.attributes, parentIdOf(step)])).toEqual([
      [
        {
          "promptstream.step": 0,
          "promptstream.step.tool_calls": 2,
          "promptstream.step.finish_reason": "tool_calls",
          "promptstream.step.input_tokens": 12,
          "promptstream.step.output_tokens": expect.any(Number),
        },
        idOf(call),
      ],
      [
        {
          "promptstream.step": 1,
          "promptstream.step.tool_calls": 0,
          "promptstream.step.finish_reason": "stop",
          "promptstream.step.input_tokens": 12,
          "promptstream.step.output_tokens": 5,
        },
        idOf(call),
      ],
    ]);
    const attempts = named(spans, "promptstream.attempt");
    expect(attempts.map((span) => [span.attributes["promptstream.step"], parentIdOf(span)])).toEqual([
      [0, idOf(steps[0])],
      [1, idOf(steps[1])],
    ]);
    const tools = named(spans, "execute_tool get_weather");
    expect(tools.map((span) => [span.attributes, span.kind, parentIdOf(span)])).toEqual([
      [
        {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": "get_weather",
          "gen_ai.tool.call.id": "call_0",
          "gen_ai.tool.type": "function",
          "promptstream.step": 0,
        },
        SpanKind.INTERNAL,
        idOf(steps[0]),
      ],
      [expect.objectContaining({ "gen_ai.tool.call.id": "call_1" }), SpanKind.INTERNAL, idOf(steps[0])],
    ]);
    // A tool's span covers its run: from its call complete to its result. (A timer of 15 ms can fire
    // after less real time than that, so the run is measured; the 1 µs is the rounding of a float
    // epoch time to the span's [s, ns].)
    const durationMs = (span: ReadableSpan) => span.duration[0] * 1000 + span.duration[1] / 1e6;
    expect(runMs.get("Paris")).toBeGreaterThan(10);
    expect(durationMs(tools[0] as ReadableSpan)).toBeGreaterThanOrEqual((runMs.get("Paris") ?? 0) - 0.001);
    expect(durationMs(tools[1] as ReadableSpan)).toBeGreaterThanOrEqual((runMs.get("Rome") ?? 0) - 0.001);
    expect(call.attributes).toMatchObject({
      "gen_ai.response.id": "chatcmpl-final",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 24,
    });
    // Every span is in the call's trace.
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([call.spanContext().traceId]));
  });

  it("puts a step's retried attempts under that step's span", async () => {
    limitSecondStepOnce = true;
    const Agent = agent();
    await new Agent({ question: "Rome or Paris?" }).stream().text();
    const spans = tracing.spans();
    const second = named(spans, "promptstream.step").find((span) => span.attributes["promptstream.step"] === 1);
    const attempts = named(spans, "promptstream.attempt").filter((span) => parentIdOf(span) === idOf(second));
    expect(attempts.map((span) => [span.attributes["promptstream.attempt"], span.status.code])).toEqual([
      [1, SpanStatusCode.ERROR],
      [2, SpanStatusCode.UNSET],
    ]);
    expect(attempts[0]?.attributes["error.type"]).toBe("RateLimitError");
  });

  it("marks a tool that threw ERROR, without its message unless content is recorded", async () => {
    const Agent = agent();
    await new Agent({ question: "And Atlantis?" }).stream().text();
    const failed = named(tracing.spans(), "execute_tool get_weather").find(
      (span) => span.attributes["gen_ai.tool.call.id"] === "call_1",
    );
    expect(failed?.status).toEqual({ code: SpanStatusCode.ERROR, message: "ToolExecutionError" });
    expect(failed?.attributes["error.type"]).toBe("ToolExecutionError");
  });

  it("records each tool call's arguments and result only when content is recorded", async () => {
    const Plain = agent();
    await new Plain({ question: "Rome?" }).stream().text();
    const plain = JSON.stringify(tracing.spans().map((span) => span.attributes));
    expect(plain).not.toContain("gen_ai.tool.call.arguments");
    expect(plain).not.toContain("Paris");
    tracing.reset();
    const Recorded = agent(true);
    await new Recorded({ question: "Rome?" }).stream().text();
    const [first] = named(tracing.spans(), "execute_tool get_weather");
    expect(first?.attributes).toMatchObject({
      "gen_ai.tool.call.arguments": '{"city":"Paris"}',
      "gen_ai.tool.call.result": '{"city":"Paris","temperature":18}',
    });
    const output = spanNamed(tracing.spans(), "chat gpt-4o-mini").attributes["gen_ai.output.messages"];
    expect(JSON.parse(output as string)).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "Rome is 6 degrees warmer." }], finish_reason: "stop" },
    ]);
  });
});
