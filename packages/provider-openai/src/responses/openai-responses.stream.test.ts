/**
 * The Responses adapter's streams, against a loopback server through the real `openai` SDK:
 * text (on the fast path and off it), reasoning, refusal, finish reasons, usage, the events it
 * does not know, cuts and failures, leaving early.
 */
import { ProviderError, StreamInterruptedError } from "@promptstream/core";
import { describe, expect, it } from "vitest";
import { type OpenAIResponsesChunk, OpenAIResponsesPrompt } from "./index.js";
import {
  MODEL,
  RESPONSE_ID,
  responseObject,
  TEST_KEY,
  textEvents,
  USAGE,
  useResponsesServer,
} from "./openai-responses.test-support.js";

const server = useResponsesServer();

function ask() {
  return new (class Ask extends OpenAIResponsesPrompt({
    template: "Recommend a recipe with {ingredient}",
    client: server.client,
    maxRetries: 0,
  }) {})({ ingredient: "apples" });
}

async function chunksOf(stream: AsyncIterable<OpenAIResponsesChunk>): Promise<OpenAIResponsesChunk[]> {
  const chunks: OpenAIResponsesChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("OpenAIResponsesPrompt streams", () => {
  it("streams the text deltas as content, and ends at response.completed with usage", async () => {
    // Escapes, a quote, non-Latin-1 text and an emoji: the fast path must decode them as JSON.parse does.
    const pieces = ["Apple ", 'pie \\ "tarte"', "\n— tarte aux pommes ", "🍎"];
    server.queue({ events: textEvents(pieces) });
    const stream = ask().stream();
    const chunks = await chunksOf(stream);

    expect(chunks.map((chunk) => chunk.content).filter((text) => text !== "")).toEqual(pieces);
    const last = chunks.at(-1);
    expect(last?.type).toBe("response.completed");
    expect(last).toMatchObject({ finishReason: "stop", rawFinishReason: "completed" });
    expect(last?.usage).toEqual({
      inputTokens: 21,
      outputTokens: 40,
      totalTokens: 61,
      cachedInputTokens: 5,
      reasoningTokens: 12,
    });
    // A delta read on the fast path still has its raw event, parsed when read.
    const delta = chunks.find((chunk) => chunk.content === pieces[1]);
    expect(delta?.event).toMatchObject({ type: "response.output_text.delta", output_index: 0, delta: pieces[1] });

    const response = await stream.response();
    expect(response).toMatchObject({
      content: pieces.join(""),
      finishReason: "stop",
      id: RESPONSE_ID,
      model: MODEL,
      message: { role: "assistant", content: pieces.join("") },
    });
    expect(response.output).toHaveLength(1);
    expect(response.response?.usage).toEqual(USAGE);
  });

  it("reads deltas in another layout (spaces, other key order) through JSON.parse", async () => {
    const lines = [
      JSON.stringify({ type: "response.created", response: responseObject("in_progress") }, null, 1),
      '{"delta": "spaced", "type": "response.output_text.delta", "output_index": 0, "content_index": 0, "item_id": "m"}',
      '{"output_index":0,"delta":"","type":"response.output_text.delta","content_index":0,"item_id":"m"}',
      JSON.stringify({ type: "response.completed", response: responseObject("completed") }),
    ].map((line) => line.replaceAll("\n", ""));
    server.queue({ events: lines });
    expect(await ask().stream().text()).toBe("spaced");
  });

  it("reports reasoning deltas as `reasoning`, not content", async () => {
    const reasoningEvents = [
      { type: "response.output_item.added", output_index: 0, item: { id: "rs_1", type: "reasoning", summary: [] } },
      {
        type: "response.reasoning_summary_text.delta",
        item_id: "rs_1",
        output_index: 0,
        summary_index: 0,
        delta: "Think",
      },
      { type: "response.reasoning_text.delta", item_id: "rs_1", output_index: 0, content_index: 0, delta: "ing" },
    ];
    const [created, ...rest] = textEvents(["Pie."]);
    server.queue({ events: [created as object, ...reasoningEvents, ...rest] });
    const stream = ask().stream();
    const chunks = await chunksOf(stream);
    expect(chunks.map((chunk) => chunk.reasoning).join("")).toBe("Thinking");
    expect(chunks.filter((chunk) => chunk.reasoning !== "").every((chunk) => chunk.content === "")).toBe(true);
    expect(await stream.text()).toBe("Pie.");
    expect((await stream.response()).reasoning).toBe("Thinking");
  });

  it("reports a refusal as `refusal` and finish reason refusal", async () => {
    server.queue({
      events: [
        { type: "response.created", response: responseObject("in_progress") },
        { type: "response.refusal.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: "I can't" },
        { type: "response.refusal.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: " help." },
        { type: "response.completed", response: responseObject("completed") },
      ],
    });
    const stream = ask().stream();
    const chunks = await chunksOf(stream);
    expect(chunks.map((chunk) => chunk.refusal).join("")).toBe("I can't help.");
    expect(chunks.at(-1)?.finishReason).toBe("refusal");
    expect(await stream.response()).toMatchObject({ content: "", refusal: "I can't help.", finishReason: "refusal" });
  });

  it.each([
    ["max_output_tokens", "length"],
    ["content_filter", "content_filter"],
  ])("response.incomplete with reason %s finishes with %s", async (reason, finishReason) => {
    const events = textEvents(["Apple"]).slice(0, -1);
    events.push({
      type: "response.incomplete",
      response: responseObject("incomplete", { incomplete_details: { reason }, usage: USAGE }),
    });
    server.queue({ events });
    const stream = ask().stream();
    expect(await stream.text()).toBe("Apple");
    expect(await stream.response()).toMatchObject({
      finishReason,
      rawFinishReason: reason,
      usage: { totalTokens: 61 },
    });
  });

  it("passes an event it does not know through as a chunk with empty neutral fields", async () => {
    const events = textEvents(["Pie."]);
    const unknown = { type: "response.future_thing.delta", output_index: 0, payload: { x: 1 } };
    events.splice(2, 0, unknown);
    server.queue({ events });
    const chunks = await chunksOf(ask().stream());
    const passed = chunks.find((chunk) => chunk.type === "response.future_thing.delta");
    expect(passed?.event).toEqual(unknown);
    expect(passed).toMatchObject({ content: "", reasoning: "", finishReason: undefined, usage: undefined });
    expect(passed?.toolCallDeltas).toBeUndefined();
  });

  it("a body that ends before response.completed is a StreamInterruptedError with the partial text", async () => {
    server.queue({ events: textEvents(["Apple ", "pie"]).slice(0, -3) });
    const error = await rejectionOf(ask().stream().text());
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ code: "stream_interrupted", provider: "openai", partialText: "Apple pie" });
  });

  it("an `error` event then response.failed is one typed error with OpenAI's message", async () => {
    const events = textEvents(["Apple"]).slice(0, -2);
    events.push(
      { type: "error", code: "server_error", message: "The server had an error processing your request.", param: null },
      {
        type: "response.failed",
        response: responseObject("failed", { error: { code: "server_error", message: "x" } }),
      },
    );
    server.queue({ events });
    const error = await rejectionOf(ask().stream().text());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      code: "server_error",
      provider: "openai",
      message: "OpenAI: The server had an error processing your request.",
      partialText: "Apple",
    });
  });

  it("response.failed alone fails the stream with the response's error", async () => {
    server.queue({
      events: [
        { type: "response.created", response: responseObject("in_progress") },
        {
          type: "response.failed",
          response: responseObject("failed", { error: { code: "rate_limit_exceeded", message: "Slow down." } }),
        },
      ],
    });
    const error = await rejectionOf(ask().stream().text());
    expect(error).toMatchObject({ name: "RateLimitError", code: "rate_limited", message: "OpenAI: Slow down." });
  });

  it("leaving the stream early closes the connection", async () => {
    server.queue({ events: textEvents(["a", "b", "c", "d", "e"]), eventDelayMs: 20, stallAtEnd: true });
    for await (const chunk of ask().stream()) if (chunk.content === "b") break;
    expect(await server.requests[0]?.outcome).toBe("closed-early");
  });

  it("aborting the stream closes the connection", async () => {
    server.queue({ events: textEvents(["a", "b"]).slice(0, -1), stallAtEnd: true });
    const stream = ask().stream();
    const error = rejectionOf(
      (async () => {
        for await (const chunk of stream) if (chunk.content === "b") stream.abort();
      })(),
    );
    expect(await error).toMatchObject({ name: "StreamAbortedError", partialText: "ab" });
    expect(await server.requests[0]?.outcome).toBe("closed-early");
  });

  it("a 401 is an AuthenticationError with OpenAI's message and without the key", async () => {
    const message = `Incorrect API key provided: ${TEST_KEY}. You can find your API key at https://platform.openai.com.`;
    server.queue({
      status: 401,
      json: { error: { message, type: "invalid_request_error", code: "invalid_api_key", param: null } },
    });
    const error = await rejectionOf(ask().stream().text());
    expect(error).toMatchObject({ name: "AuthenticationError", code: "authentication", status: 401 });
    expect((error as Error).message).toContain("Incorrect API key provided");
    expect((error as Error).message).not.toContain(TEST_KEY);
    expect(JSON.stringify(error)).not.toContain(TEST_KEY);
  });
});
