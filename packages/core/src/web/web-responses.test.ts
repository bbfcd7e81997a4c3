import { describe, expect, it } from "vitest";
import { definePrompt, ProviderError, RateLimitError } from "../index.js";
import { rejectionOf } from "../test-support.js";
import { answerStep, createToolAdapter, type ScriptItem, usage } from "../tools/tool-adapter.test-support.js";

const words = ["Slice ", "the ", "apples, ", "then ", "bake ", "them."];
const answer = words.join("");
const answerItems: ScriptItem[] = [
  ...words.map((content) => ({ content })),
  { finishReason: "stop", usage: usage(12, 6) },
];

function chatFor(streams: ReadonlyArray<readonly ScriptItem[]>) {
  const adapter = createToolAdapter({ streams });
  class Chat extends definePrompt(adapter)({ template: "USER: {question}" }) {}
  return { adapter, chat: () => new Chat({ question: "How do I bake apples?" }) };
}

/** The body read to its end, as the events of an event stream: `[name, data]` pairs. */
async function eventsOf(response: Response): Promise<Array<[string, unknown]>> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block !== "")
    .map((block) => {
      const lines = block.split("\n");
      // An event without a name is a chunk.
      const name = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length) ?? "chunk";
      const data = lines.find((line) => line.startsWith("data: "))?.slice("data: ".length) ?? "null";
      return [name, JSON.parse(data)];
    });
}

describe("toTextResponse", () => {
  it("streams the text as UTF-8 with headers that keep browsers and proxies from buffering it", async () => {
    const { chat } = chatFor([answerItems]);
    const response = chat().stream().toTextResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await response.text()).toBe(answer);
  });

  it("keeps the status and headers given, over the defaults", async () => {
    const { chat } = chatFor([answer.split("").map((content) => ({ content }))]);
    const response = chat()
      .stream()
      .toTextResponse({ status: 201, headers: { "content-type": "text/markdown", "x-request-id": "r-1" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("text/markdown");
    expect(response.headers.get("x-request-id")).toBe("r-1");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    await response.body?.cancel();
  });

  it("sends the request only when the body is read", async () => {
    const { adapter, chat } = chatFor([answerItems]);
    const response = chat().stream().toTextResponse();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(adapter.requests).toHaveLength(0);
    await response.text();
    expect(adapter.requests).toHaveLength(1);
  });

  it("ends the body in error on a failure mid-stream, after the text before it", async () => {
    const failure = new ProviderError("overloaded", { provider: "memory", code: "overloaded" });
    const { chat } = chatFor([[{ content: "Slice " }, { content: "the " }, { fail: failure }]]);
    const reader = (chat().stream().toTextResponse().body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const error = await rejectionOf(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
        }
      })(),
    );
    expect(text).toBe("Slice the ");
    expect(error).toBeInstanceOf(ProviderError);
  });

  it("cancels the provider request when the body is cancelled (the client went away)", async () => {
    const { adapter, chat } = chatFor([[{ content: "Slice " }, { hang: true }]]);
    const stream = chat().stream();
    const reader = (stream.toTextResponse().body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("Slice ");
    const pending = reader.read();
    await reader.cancel();
    await pending;
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.events).toContain("stream 0: closed");
    expect(await stream.text()).toBe("Slice ");
  });
});

describe("toEventStreamResponse", () => {
  it("sends one event per chunk with its neutral fields, then the response, with event-stream headers", async () => {
    const { chat } = chatFor([answerItems]);
    const response = chat().stream().toEventStreamResponse();
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const events = await eventsOf(response);
    expect(events.slice(0, words.length)).toEqual(words.map((content) => ["chunk", { content }]));
    expect(events[words.length]).toEqual([
      "chunk",
      { finishReason: "stop", rawFinishReason: "stop", usage: usage(12, 6) },
    ]);
    const [name, final] = events[words.length + 1] ?? [];
    expect(name).toBe("response");
    expect(final).toEqual({
      content: answer,
      finishReason: "stop",
      rawFinishReason: "stop",
      usage: usage(12, 6),
      model: "tool-model-1",
      id: "response-1",
    });
    expect(events).toHaveLength(words.length + 2);
  });

  it("ends with an error event (name, code, message, partial text) and never a stack or a key", async () => {
    const failure = new RateLimitError("Rate limit reached for key sk-proj-abcdefghijklmnop.", {
      provider: "memory",
      status: 429,
    });
    const { chat } = chatFor([[{ content: "Slice " }, { fail: failure }]]);
    const body = await chat().stream().toEventStreamResponse().text();
    expect(body).not.toContain("abcdefghijklmnop");
    expect(body).not.toContain("    at ");
    const events = await eventsOf(new Response(body));
    expect(events.at(-1)).toEqual([
      "error",
      {
        name: "RateLimitError",
        code: "rate_limited",
        message: "Rate limit reached for key sk-[redacted].",
        provider: "memory",
        status: 429,
        retryable: false,
        partialText: "Slice ",
      },
    ]);
  });

  it("cancels the provider request when the body is cancelled mid-stream", async () => {
    const { adapter, chat } = chatFor([[{ content: "Slice " }, { hang: true }]]);
    const reader = (chat().stream().toEventStreamResponse().body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const pending = reader.read();
    await reader.cancel();
    await pending;
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.events).toContain("stream 0: closed");
  });

  it("leaves out chunks that carry nothing neutral", async () => {
    const { chat } = chatFor([[{ content: "a" }, {}, {}, { content: "b" }, { finishReason: "stop" }]]);
    const events = await eventsOf(chat().stream().toEventStreamResponse());
    expect(events.map(([name]) => name)).toEqual(["chunk", "chunk", "chunk", "response"]);
  });

  it("answers a stream read twice with StreamConsumedError, as iterating it twice does", async () => {
    const { chat } = chatFor([answerStep("x")]);
    const stream = chat().stream();
    const first = stream.toEventStreamResponse();
    expect(() => stream.toTextResponse()).toThrow(/once/);
    await first.body?.cancel();
  });
});

describe("a branch of tee() sent on", () => {
  it("streams one branch to the client while the other stores the response", async () => {
    const { adapter, chat } = chatFor([answerItems]);
    const [toClient, toDatabase] = chat().stream().tee();
    const stored = toDatabase.response();
    expect(await toClient.toTextResponse().text()).toBe(answer);
    expect((await stored).content).toBe(answer);
    expect(adapter.requests).toHaveLength(1);
  });

  it("cancels the request only once the client's body and the other branch both stopped", async () => {
    const { adapter, chat } = chatFor([[{ content: "Slice " }, { hang: true }]]);
    const [toClient, toDatabase] = chat().stream().tee();
    const reader = (toClient.toEventStreamResponse().body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    expect(adapter.requests[0]?.signal.aborted).toBe(false);
    await toDatabase.cancel();
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
  });
});
