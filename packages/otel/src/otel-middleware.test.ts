import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AnthropicPrompt } from "@promptstream/provider-anthropic";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import {
  createAnthropicTextEvents,
  createOpenAITextChunks,
  startAnthropicMessagesServer,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { otelMiddleware } from "./index.js";
import { createTracing, openAIClient, parentIdOf, spanNamed } from "./otel.test-support.js";

const tracing = createTracing();
let openai: Awaited<ReturnType<typeof startOpenAIChatServer>>;

beforeAll(async () => {
  openai = await startOpenAIChatServer((request) => {
    const body = request.body as { stream?: boolean };
    if (body.stream === false || body.stream === undefined) {
      return {
        json: {
          id: "chatcmpl-whole",
          object: "chat.completion",
          created: 1_700_000_000,
          model: "gpt-4o-mini-2024-07-18",
          choices: [{ index: 0, message: { role: "assistant", content: "Apple pie." }, finish_reason: "stop" }],
          usage: { prompt_tokens: 11, completion_tokens: 3, total_tokens: 14 },
        },
      };
    }
    return {
      chunks: createOpenAITextChunks("Apple pie with cinnamon.", {
        id: "chatcmpl-otel",
        model: "gpt-4o-mini-2024-07-18",
        usage: { prompt_tokens: 21, completion_tokens: 4, cached_tokens: 5 },
      }),
    };
  });
});
afterEach(() => tracing.reset());
afterAll(async () => {
  await openai.close();
  await tracing.shutdown();
});

function recipePrompt(options: Parameters<typeof otelMiddleware>[0] = {}) {
  return class Recipe extends OpenAIPrompt({
    template: "SYSTEM: You are a chef.\nUSER: A recipe with {ingredient}",
    client: openAIClient(openai.baseURL),
    callParams: { model: "gpt-4o-mini", maxTokens: 200, temperature: 0.3, topP: 0.9, stop: ["END"] },
    middleware: [otelMiddleware({ tracerProvider: tracing.tracerProvider, ...options })],
  }) {};
}

describe("otelMiddleware", () => {
  it("makes one CLIENT span per streamed call, named `chat {model}`, with the GenAI request and response attributes", async () => {
    const Recipe = recipePrompt();
    expect(await new Recipe({ ingredient: "apples" }).stream().text()).toBe("Apple pie with cinnamon.");
    const call = spanNamed(tracing.spans(), "chat gpt-4o-mini");
    expect(call.kind).toBe(SpanKind.CLIENT);
    expect(call.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(parentIdOf(call)).toBeUndefined();
    expect(call.instrumentationScope.name).toBe("@promptstream/otel");
    const { "promptstream.response.time_to_first_chunk": firstChunk, ...attributes } = call.attributes;
    expect(attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.max_tokens": 200,
      "gen_ai.request.temperature": 0.3,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.stop_sequences": ["END"],
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.id": "chatcmpl-otel",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 21,
      "gen_ai.usage.output_tokens": 4,
      "gen_ai.usage.cache_read.input_tokens": 5,
      "promptstream.response.raw_finish_reason": "stop",
      "promptstream.prompt.name": "Recipe",
      "promptstream.call.id": expect.stringMatching(/^call_\d+$/),
      "promptstream.call.kind": "stream",
    });
    expect(firstChunk).toBeTypeOf("number");
    expect(firstChunk).toBeGreaterThan(0);
    expect(call.events.map((event) => [event.name, event.attributes])).toEqual([
      ["promptstream.first_chunk", { "promptstream.response.time_to_first_chunk": firstChunk }],
    ]);
  });

  it("puts one attempt span under the call span, ended with the answer's stream", async () => {
    const Recipe = recipePrompt();
    await new Recipe({ ingredient: "pears" }).stream().text();
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    const attempt = spanNamed(spans, "promptstream.attempt");
    expect(parentIdOf(attempt)).toBe(call.spanContext().spanId);
    expect(attempt.spanContext().traceId).toBe(call.spanContext().traceId);
    expect(attempt.kind).toBe(SpanKind.INTERNAL);
    expect(attempt.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(attempt.attributes).toEqual({
      "promptstream.attempt": 1,
      "promptstream.step": 0,
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
    });
    expect(spans.map((span) => span.name)).toEqual(["promptstream.attempt", "chat gpt-4o-mini"]);
  });

  it("makes the call span a child of the span active when stream() is called", async () => {
    const Recipe = recipePrompt();
    const tracer = tracing.tracerProvider.getTracer("app");
    const stream = tracer.startActiveSpan("handle request", (span) => {
      const opened = new Recipe({ ingredient: "figs" }).stream();
      span.end();
      return opened;
    });
    await stream.text();
    const spans = tracing.spans();
    expect(parentIdOf(spanNamed(spans, "chat gpt-4o-mini"))).toBe(
      spanNamed(spans, "handle request").spanContext().spanId,
    );
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it("traces call() the same way, with the attempt's response on its span", async () => {
    const Recipe = recipePrompt();
    expect((await new Recipe({ ingredient: "plums" }).call()).content).toBe("Apple pie.");
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    expect(call.attributes).toMatchObject({
      "promptstream.call.kind": "call",
      "gen_ai.response.id": "chatcmpl-whole",
      "gen_ai.usage.input_tokens": 11,
      "gen_ai.usage.output_tokens": 3,
    });
    expect(call.attributes).not.toHaveProperty("promptstream.response.time_to_first_chunk");
    expect(spanNamed(spans, "promptstream.attempt").attributes).toMatchObject({
      "promptstream.attempt": 1,
      "gen_ai.response.id": "chatcmpl-whole",
    });
  });

  it("names the provider as the conventions do, and the span `chat` alone when no model is set", async () => {
    const anthropic = await startAnthropicMessagesServer(() => ({
      events: createAnthropicTextEvents("Pear tart.", { model: "claude-haiku-4-5-20251001" }),
    }));
    try {
      class Tart extends AnthropicPrompt({
        template: "A tart with {fruit}",
        client: { baseURL: anthropic.baseURL, apiKey: "sk-ant-test", maxRetries: 0 },
        middleware: [otelMiddleware({ tracerProvider: tracing.tracerProvider })],
      }) {}
      await new Tart({ fruit: "pears" }).stream().text();
    } finally {
      await anthropic.close();
    }
    const call = spanNamed(tracing.spans(), "chat");
    expect(call.attributes).toMatchObject({
      "gen_ai.provider.name": "anthropic",
      "gen_ai.response.model": "claude-haiku-4-5-20251001",
      "gen_ai.response.finish_reasons": ["stop"],
      "promptstream.response.raw_finish_reason": "end_turn",
    });
    expect(call.attributes).not.toHaveProperty("gen_ai.request.model");
  });

  it("adds the attributes the app gives for each call", async () => {
    const Recipe = recipePrompt({ attributes: (call) => ({ "app.feature": `recipes/${call.promptName}` }) });
    await new Recipe({ ingredient: "kiwis" }).stream().text();
    expect(spanNamed(tracing.spans(), "chat gpt-4o-mini").attributes["app.feature"]).toBe("recipes/Recipe");
  });
});

describe("recordContent", () => {
  const CONTENT_KEYS = ["gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions"];

  it("records no prompt or answer by default", async () => {
    const Recipe = recipePrompt();
    await new Recipe({ ingredient: "apples" }).stream().text();
    const everything = JSON.stringify(tracing.spans().map((span) => [span.attributes, span.events]));
    for (const key of CONTENT_KEYS) expect(everything).not.toContain(key);
    expect(everything).not.toContain("apples");
    expect(everything).not.toContain("cinnamon");
  });

  it("records the system instructions, the input and output messages as the conventions' JSON when opted in", async () => {
    const Recipe = recipePrompt({ recordContent: true });
    await new Recipe({ ingredient: "apples" }).stream().text();
    const { attributes } = spanNamed(tracing.spans(), "chat gpt-4o-mini");
    expect(JSON.parse(attributes["gen_ai.system_instructions"] as string)).toEqual([
      { type: "text", content: "You are a chef." },
    ]);
    expect(JSON.parse(attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "A recipe with apples" }] },
    ]);
    expect(JSON.parse(attributes["gen_ai.output.messages"] as string)).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "Apple pie with cinnamon." }], finish_reason: "stop" },
    ]);
  });
});
