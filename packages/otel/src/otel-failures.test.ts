import { SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { StreamAbortedError } from "@promptstream/core";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { createOpenAITextChunks, type OpenAIChatScript, startOpenAIChatServer } from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { otelMiddleware } from "./index.js";
import { createTracing, openAIClient, parentIdOf, spanNamed } from "./otel.test-support.js";

const KEY = "sk-proj-SECRET-otel-7Hq2Vx9mLw4Rt8Zb3N";
const tracing = createTracing();
/** The answers of the next requests, in order; the last one repeats. */
let answers: OpenAIChatScript[] = [];
let server: Awaited<ReturnType<typeof startOpenAIChatServer>>;

const error = (status: number, message: string) => ({
  json: { error: { message, type: "server_error", code: null } },
  status,
});

beforeAll(async () => {
  server = await startOpenAIChatServer(() => (answers.length > 1 ? answers.shift() : answers[0]) as OpenAIChatScript);
});
afterEach(() => tracing.reset());
afterAll(async () => {
  await server.close();
  await tracing.shutdown();
});

class Recipe extends OpenAIPrompt({
  template: "A recipe with {ingredient}",
  callParams: { model: "gpt-4o-mini" },
  retryDelayMs: 1,
}) {}

function recipe(options: { maxRetries?: number; signal?: AbortSignal } = {}) {
  return new Recipe(
    { ingredient: "apples" },
    {
      client: openAIClient(server.baseURL, KEY),
      middleware: [otelMiddleware({ tracerProvider: tracing.tracerProvider })],
      ...options,
    },
  );
}

const attemptsOf = (spans: readonly ReadableSpan[]) => spans.filter((span) => span.name === "promptstream.attempt");

describe("otelMiddleware on failures", () => {
  it("marks the call span and its attempt ERROR with the error's type, status and a redacted exception", async () => {
    answers = [error(500, `The server broke while holding ${KEY}`)];
    await expect(recipe({ maxRetries: 0 }).stream().text()).rejects.toThrow();
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({
      "error.type": "ServerError",
      "promptstream.error.code": "server_error",
      "http.response.status_code": 500,
    });
    expect(call.events.map((event) => event.name)).toEqual(["exception"]);
    expect(call.events[0]?.attributes).toMatchObject({
      "exception.type": "ServerError",
      "exception.message": expect.stringContaining("The server broke"),
    });
    const [attempt] = attemptsOf(spans);
    expect(attempt?.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempt?.attributes["error.type"]).toBe("ServerError");
    expect(parentIdOf(attempt as ReadableSpan)).toBe(call.spanContext().spanId);
  });

  it("makes a span per attempt when a 429 is retried: the first ERROR, the second fine, the call fine", async () => {
    answers = [error(429, "Slow down."), { chunks: createOpenAITextChunks("Apple pie.") }];
    expect(await recipe({ maxRetries: 2 }).stream().text()).toBe("Apple pie.");
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    const attempts = attemptsOf(spans);
    expect(attempts.map((span) => [span.attributes["promptstream.attempt"], span.status.code])).toEqual([
      [1, SpanStatusCode.ERROR],
      [2, SpanStatusCode.UNSET],
    ]);
    expect(attempts[0]?.attributes["error.type"]).toBe("RateLimitError");
    expect(attempts.map(parentIdOf)).toEqual([call.spanContext().spanId, call.spanContext().spanId]);
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.attributes).not.toHaveProperty("error.type");
  });

  it("marks an aborted call ERROR with error.type StreamAbortedError, and records no exception for it", async () => {
    answers = [{ chunks: createOpenAITextChunks("Apple pie with a very slow crust."), chunkDelayMs: 20 }];
    const stream = recipe().stream();
    await expect(
      (async () => {
        for await (const chunk of stream) if (chunk.content.includes("pie")) stream.abort();
      })(),
    ).rejects.toBeInstanceOf(StreamAbortedError);
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes).toMatchObject({ "error.type": "StreamAbortedError", "promptstream.error.code": "aborted" });
    expect(call.events.map((event) => event.name)).toEqual(["promptstream.first_chunk"]);
    // The attempt did not fail: it was cancelled, whatever the SDK threw when its request was aborted.
    const [attempt] = attemptsOf(spans);
    expect(attempt?.status.code).toBe(SpanStatusCode.UNSET);
    expect(attempt?.attributes["promptstream.cancelled"]).toBe(true);
    expect(attempt?.attributes).not.toHaveProperty("error.type");
  });

  it("ends the spans of a stream left early with a break: the call without a finish reason, the attempt cancelled", async () => {
    answers = [{ chunks: createOpenAITextChunks("Apple pie with a very slow crust."), chunkDelayMs: 20 }];
    const stream = recipe().stream();
    for await (const chunk of stream) if (chunk.content.includes("pie")) break;
    await stream.response().catch(() => undefined);
    const spans = tracing.spans();
    const call = spanNamed(spans, "chat gpt-4o-mini");
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    expect(call.attributes).not.toHaveProperty("gen_ai.response.finish_reasons");
    const [attempt] = attemptsOf(spans);
    expect(attempt?.attributes["promptstream.cancelled"]).toBe(true);
    expect(attempt?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it("records an idle timeout on the attempt and the call as a TimeoutError", async () => {
    answers = [{ chunks: createOpenAITextChunks("Apple"), done: false, stallAtEnd: true }];
    const stream = recipe({ maxRetries: 0 }).stream(undefined, { idleTimeout: 80 });
    await expect(stream.text()).rejects.toThrow(/idleTimeout/);
    const spans = tracing.spans();
    expect(spanNamed(spans, "chat gpt-4o-mini").attributes["error.type"]).toBe("TimeoutError");
    const [attempt] = attemptsOf(spans);
    expect(attempt?.status.code).toBe(SpanStatusCode.ERROR);
    expect(attempt?.attributes).toMatchObject({ "error.type": "TimeoutError", "promptstream.error.code": "timeout" });
  });

  it("puts the API key in no attribute, event or status, even when the provider echoes it", async () => {
    answers = [error(401, `Incorrect API key provided: ${KEY}.`)];
    await expect(recipe({ maxRetries: 0 }).stream().text()).rejects.toThrow();
    answers = [error(500, `Upstream said ${KEY}`)];
    await expect(recipe({ maxRetries: 0 }).call()).rejects.toThrow();
    const spans = tracing.spans();
    expect(spans.length).toBe(4);
    const everything = JSON.stringify(
      spans.map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
        links: span.links,
        resource: span.resource.attributes,
      })),
    );
    expect(everything).toContain("Incorrect API key provided");
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain("SECRET-otel");
  });
});
