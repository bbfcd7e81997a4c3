import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  type AdapterV1Request,
  AuthenticationError,
  type CallParams,
  type CallResponse,
  definePrompt,
  END_OF_STREAM,
  type FinishReason,
  PromptstreamError,
  ProviderError,
  type ResponseChunk,
  readServerSentEvents,
  StreamAbortedError,
  StreamConsumedError,
  type StreamSummary,
  type Usage,
} from "../index.js";
import { rejectionOf } from "../test-support.js";

// ---------------------------------------------------------------------------------------------
// A small in-memory adapter, written against the public AdapterV1 contract. Between two chunks
// it waits a macrotask and, like a fetch body read, rejects with the signal's reason once the
// request's signal is aborted. `buffered: true` makes it yield without waiting or looking at
// the signal, as an SDK does with events it already decoded from one network read.
// ---------------------------------------------------------------------------------------------

interface MemoryParams extends CallParams {
  readonly user?: string | undefined;
}

class MemoryChunk implements ResponseChunk {
  readonly content: string;
  readonly finishReason: FinishReason | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  /** Where this chunk came in its stream: the adapter's own data beside the neutral fields. */
  readonly index: number;

  constructor(index: number, fields: Partial<ResponseChunk>) {
    this.index = index;
    this.content = fields.content ?? "";
    this.finishReason = fields.finishReason;
    this.rawFinishReason = fields.rawFinishReason;
    this.usage = fields.usage;
  }
}

interface MemoryResponse extends CallResponse {
  readonly requestNumber: number;
}

/** A step of a scripted stream: a chunk, an error thrown there, or a wait that only an abort ends. */
type Step = string | Partial<ResponseChunk> | { readonly fail: unknown } | { readonly hang: true };

interface MemoryAdapter extends AdapterV1<MemoryParams, MemoryChunk, MemoryResponse, string> {
  readonly requests: Array<AdapterV1Request<MemoryParams, string>>;
  /** How many chunk generators ran their `finally` block. */
  readonly closedStreams: () => number;
}

const usage: Usage = {
  inputTokens: 7,
  outputTokens: 3,
  totalTokens: 10,
  cachedInputTokens: undefined,
  reasoningTokens: undefined,
};

function nextMacrotask(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, 0);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

function createMemoryAdapter(
  script: readonly Step[] | ((request: AdapterV1Request<MemoryParams, string>) => readonly Step[]),
  options: { readonly buffered?: boolean } = {},
): MemoryAdapter {
  const requests: Array<AdapterV1Request<MemoryParams, string>> = [];
  let closed = 0;

  async function* chunks(steps: readonly Step[], signal: AbortSignal): AsyncGenerator<MemoryChunk, void, undefined> {
    try {
      let index = 0;
      for (const step of steps) {
        if (options.buffered !== true) await nextMacrotask(signal);
        if (typeof step === "object" && "fail" in step) throw step.fail;
        if (typeof step === "object" && "hang" in step) await untilAborted(signal);
        else yield new MemoryChunk(index++, typeof step === "string" ? { content: step } : step);
      }
    } finally {
      closed += 1;
    }
  }

  return {
    specificationVersion: "v1",
    provider: "memory",
    requests,
    closedStreams: () => closed,
    async doCall() {
      throw new Error("doCall is not used by these tests");
    },
    async doStream(request) {
      requests.push(request);
      const requestNumber = requests.length;
      const steps = typeof script === "function" ? script(request) : script;
      return {
        chunks: chunks(steps, request.signal),
        createResponse: (summary: StreamSummary): MemoryResponse => ({
          ...summary,
          model: "memory-1",
          id: `response-${requestNumber}`,
          message: { role: "assistant", content: summary.content },
          requestNumber,
        }),
      };
    },
  };
}

function promptFor(adapter: MemoryAdapter) {
  const MemoryPrompt = definePrompt(adapter);
  class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
  return RecipeRecommender;
}

const helloScript: readonly Step[] = [
  "Hel",
  "lo",
  "",
  { content: "!", finishReason: "stop", rawFinishReason: "end_turn" },
  { content: "", usage },
];

async function collectText(stream: AsyncIterable<ResponseChunk>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.content;
  return text;
}

/** Runs `body`, then lets pending rejections surface, and returns the reasons of those left unhandled. */
async function unhandledRejectionsDuring(body: () => Promise<void>): Promise<unknown[]> {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => reasons.push(reason);
  process.on("unhandledRejection", listener);
  try {
    await body();
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    process.off("unhandledRejection", listener);
  }
  return reasons;
}

describe("ResponseStream read with for await", () => {
  it("yields the adapter's own chunk objects, in order", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const Recommender = promptFor(adapter);
    const chunks: MemoryChunk[] = [];
    for await (const chunk of new Recommender({ ingredient: "apples" }).stream()) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk instanceof MemoryChunk)).toBe(true);
    expect(chunks.map(({ index, content, finishReason, usage }) => ({ index, content, finishReason, usage }))).toEqual([
      { index: 0, content: "Hel", finishReason: undefined, usage: undefined },
      { index: 1, content: "lo", finishReason: undefined, usage: undefined },
      { index: 2, content: "", finishReason: undefined, usage: undefined },
      { index: 3, content: "!", finishReason: "stop", usage: undefined },
      { index: 4, content: "", finishReason: undefined, usage },
    ]);
  });

  it("sends the request only when the stream is first read", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(adapter.requests).toHaveLength(0);
    await stream.text();
    expect(adapter.requests).toHaveLength(1);
  });

  it("resolves text() and response() after the loop from what was received, without a second request", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    expect(await collectText(stream)).toBe("Hello!");

    expect(await stream.text()).toBe("Hello!");
    expect(await stream.response()).toEqual({
      content: "Hello!",
      finishReason: "stop",
      rawFinishReason: "end_turn",
      usage,
      model: "memory-1",
      id: "response-1",
      message: { role: "assistant", content: "Hello!" },
      requestNumber: 1,
    });
    expect(adapter.requests).toHaveLength(1);
  });

  it("throws StreamConsumedError when iterated a second time", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    await collectText(stream);

    const error = await rejectionOf(collectText(stream));
    expect(error).toBeInstanceOf(StreamConsumedError);
    expect(error).toMatchObject({ name: "StreamConsumedError", code: "stream_consumed" });
    expect(PromptstreamError.isInstance(error)).toBe(true);
    expect(adapter.requests).toHaveLength(1);
  });

  it("throws StreamConsumedError when a second loop starts while the first is still running", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const first = collectText(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
    expect(await first).toBe("Hello!");
  });

  it("does not abort the request's signal after a stream that completed (its connection may serve the next request), and stops listening to the caller's signal", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const caller = new AbortController();
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream(undefined, { signal: caller.signal });
    expect(await collectText(stream)).toBe("Hello!");
    expect(adapter.requests[0]?.signal.aborted).toBe(false);
    // The stream ended: aborting now changes nothing, for the request or for the outcome.
    caller.abort();
    expect(adapter.requests[0]?.signal.aborted).toBe(false);
    await expect(stream.text()).resolves.toBe("Hello!");
  });

  it("runs the adapter generator's finally, aborts the request's signal and keeps the text when the loop breaks early", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const seen: string[] = [];
    for await (const chunk of stream) {
      seen.push(chunk.content);
      break;
    }
    expect(seen).toEqual(["Hel"]);
    expect(adapter.closedStreams()).toBe(1);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(await stream.response()).toMatchObject({ content: "Hel", finishReason: undefined, usage: undefined });
    expect(await stream.text()).toBe("Hel");
    expect(adapter.requests).toHaveLength(1);
  });

  it("runs the adapter generator's finally when the loop body throws", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const consumerError = new Error("consumer failed");
    const error = await rejectionOf(
      (async () => {
        for await (const _chunk of stream) throw consumerError;
      })(),
    );
    expect(error).toBe(consumerError);
    expect(adapter.closedStreams()).toBe(1);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
  });
});

describe("ResponseStream read whole", () => {
  it("sends one request and drains the stream when only text() is called", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const [text, again, response] = await Promise.all([stream.text(), stream.text(), stream.response()]);
    expect(text).toBe("Hello!");
    expect(again).toBe("Hello!");
    expect(response).toMatchObject({ content: "Hello!", finishReason: "stop", usage, requestNumber: 1 });
    expect(adapter.requests).toHaveLength(1);
    expect(adapter.closedStreams()).toBe(1);
  });

  it("refuses a for await loop after text() consumed the stream", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    await stream.text();
    expect(await rejectionOf(collectText(stream))).toBeInstanceOf(StreamConsumedError);
  });

  it("yields only the non-empty texts from textStream", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toEqual(["Hel", "lo", "!"]);
    expect(await stream.response()).toMatchObject({ content: "Hello!", usage });
  });

  it("cancels the request when a textStream loop breaks early", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    for await (const _text of stream.textStream) break;
    expect(adapter.closedStreams()).toBe(1);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(await stream.text()).toBe("Hel");
  });

  it("gives a web ReadableStream of the text from toReadableStream(), sending the request on the first read", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const readable = stream.toReadableStream();
    expect(readable).toBeInstanceOf(ReadableStream);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(adapter.requests).toHaveLength(0);

    const texts: string[] = [];
    const reader = readable.getReader();
    for (let result = await reader.read(); !result.done; result = await reader.read()) texts.push(result.value);
    expect(texts).toEqual(["Hel", "lo", "!"]);
    expect(await stream.text()).toBe("Hello!");
    expect(adapter.requests).toHaveLength(1);
  });

  it("runs the adapter generator's finally and aborts the request when the ReadableStream is cancelled", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const reader = stream.toReadableStream().getReader();
    expect(await reader.read()).toEqual({ done: false, value: "Hel" });
    await reader.cancel();
    expect(adapter.closedStreams()).toBe(1);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(await stream.text()).toBe("Hel");
  });

  it("aborts the request when the ReadableStream is cancelled while a read waits for the next chunk", async () => {
    const adapter = createMemoryAdapter(["Hel", { hang: true }, "lo"]);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const reader = stream.toReadableStream().getReader();
    expect(await reader.read()).toEqual({ done: false, value: "Hel" });
    const pendingRead = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = reader.cancel();
    expect(await pendingRead).toEqual({ done: true, value: undefined });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    await cancelled;
    expect(adapter.closedStreams()).toBe(1);
  });

  it("errors the ReadableStream with the adapter's failure", async () => {
    const failure = new ProviderError("Overloaded", { code: "overloaded", provider: "memory", status: 529 });
    const adapter = createMemoryAdapter(["Hel", { fail: failure }]);
    const reader = new (promptFor(adapter))({ ingredient: "apples" }).stream().toReadableStream().getReader();
    expect(await reader.read()).toEqual({ done: false, value: "Hel" });
    expect(await rejectionOf(reader.read())).toMatchObject({
      name: "OverloadedError",
      code: "overloaded",
      partialText: "Hel",
    });
  });
});

describe("ResponseStream aborts", () => {
  it("makes the loop throw StreamAbortedError with the text received so far when abort() is called mid-stream", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.content);
          if (chunk.content === "lo") stream.abort("user pressed stop");
        }
      })(),
    );
    expect(seen).toEqual(["Hel", "lo"]);
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({
      name: "StreamAbortedError",
      code: "aborted",
      provider: "memory",
      partialText: "Hello",
      reason: "user pressed stop",
    });
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.closedStreams()).toBe(1);
    expect(await rejectionOf(stream.text())).toBe(error);
    expect(await rejectionOf(stream.response())).toBe(error);
  });

  it("delivers no chunk after abort(), even when the adapter already holds more chunks", async () => {
    const adapter = createMemoryAdapter(helloScript, { buffered: true });
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.content);
          if (chunk.content === "Hel") stream.abort();
        }
      })(),
    );
    expect(seen).toEqual(["Hel"]);
    expect(error).toMatchObject({ name: "StreamAbortedError", partialText: "Hel" });
  });

  it("rejects text() without sending a request when abort() is called before the first read", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    stream.abort();
    const error = await rejectionOf(stream.text());
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ code: "aborted", partialText: "" });
    expect(adapter.requests).toHaveLength(0);
  });

  it("rejects a pending read with StreamAbortedError when the signal given to stream() is aborted", async () => {
    const adapter = createMemoryAdapter(["Hel", "lo", { hang: true }, "never"]);
    const controller = new AbortController();
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream(undefined, { signal: controller.signal });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.content);
          if (chunk.content === "lo") setTimeout(() => controller.abort("timeout"), 5);
        }
      })(),
    );
    expect(seen).toEqual(["Hel", "lo"]);
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "Hello", reason: "timeout" });
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.closedStreams()).toBe(1);
    expect(await rejectionOf(stream.text())).toBe(error);
  });

  it("aborts every stream of an instance when the instance's signal is aborted", async () => {
    const adapter = createMemoryAdapter(["Hel", { hang: true }]);
    const controller = new AbortController();
    const recommender = new (promptFor(adapter))({ ingredient: "apples" }, { signal: controller.signal });
    const first = recommender.stream();
    const second = recommender.stream();
    const texts = Promise.all([rejectionOf(first.text()), rejectionOf(second.text())]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort("shutting down");
    const errors = await texts;
    for (const error of errors) {
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: "Hel", reason: "shutting down" });
    }
    expect(adapter.requests.map((request) => request.signal.aborted)).toEqual([true, true]);
  });

  it("rejects without sending a request when the instance's signal was aborted before the stream was read", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const recommender = new (promptFor(adapter))({ ingredient: "apples" }, { signal: AbortSignal.abort("too late") });
    const error = await rejectionOf(collectText(recommender.stream()));
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "", reason: "too late" });
    expect(adapter.requests).toHaveLength(0);
  });

  it("does not abort an instance's other streams when one stream is aborted", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const recommender = new (promptFor(adapter))({ ingredient: "apples" });
    const aborted = recommender.stream();
    const kept = recommender.stream();
    aborted.abort();
    expect(await rejectionOf(aborted.text())).toBeInstanceOf(StreamAbortedError);
    expect(await kept.text()).toBe("Hello!");
  });
});

describe("ResponseStream failures", () => {
  it("delivers a ProviderError thrown mid-stream to the loop, text() and response(), with the text received before it", async () => {
    const failure = new ProviderError("The connection was reset", { code: "stream_interrupted", provider: "memory" });
    const adapter = createMemoryAdapter(["Hel", "lo", { fail: failure }]);
    const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.content);
      })(),
    );
    expect(seen).toEqual(["Hel", "lo"]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      name: "StreamInterruptedError",
      code: "stream_interrupted",
      provider: "memory",
      message: "The connection was reset",
      // Text has reached the consumer: resending the request would repeat it.
      retryable: false,
      partialText: "Hello",
    });
    expect(await rejectionOf(stream.text())).toBe(error);
    expect(await rejectionOf(stream.response())).toBe(error);
    expect(adapter.closedStreams()).toBe(1);
  });

  it("wraps a non-promptstream error thrown mid-stream in a ProviderError with code unknown", async () => {
    const cause = new TypeError("socket hang up");
    const adapter = createMemoryAdapter(["Hel", { fail: cause }]);
    const error = await rejectionOf(new (promptFor(adapter))({ ingredient: "apples" }).stream().text());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      name: "ProviderError",
      code: "unknown",
      provider: "memory",
      message: "The memory request failed: socket hang up",
      retryable: false,
      partialText: "Hel",
      cause,
    });
  });

  it("delivers a ProviderError from doStream, before any chunk, as its code's subclass with the same fields", async () => {
    const failure = new ProviderError("Invalid API key", { code: "authentication", provider: "memory", status: 401 });
    const adapter = createMemoryAdapter([]);
    const failing: MemoryAdapter = { ...adapter, doStream: () => Promise.reject(failure) };
    const stream = new (promptFor(failing))({ ingredient: "apples" }).stream();
    const error = await rejectionOf(collectText(stream));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      name: "AuthenticationError",
      message: failure.message,
      code: "authentication",
      status: 401,
      retryable: false,
    });
    expect(error).toMatchObject({ code: "authentication", status: 401, retryable: false, partialText: "" });
    expect(await rejectionOf(stream.response())).toBe(error);
  });

  it("leaves no unhandled rejection when a failing stream is only read with for await", async () => {
    const adapter = createMemoryAdapter(["Hel", { fail: new Error("boom") }]);
    const caught: unknown[] = [];
    const unhandled = await unhandledRejectionsDuring(async () => {
      try {
        await collectText(new (promptFor(adapter))({ ingredient: "apples" }).stream());
      } catch (error) {
        caught.push(error);
      }
    });
    expect(caught).toHaveLength(1);
    expect(caught[0]).toMatchObject({ name: "ProviderError", code: "unknown", partialText: "Hel" });
    expect(unhandled).toEqual([]);
  });

  it("leaves no unhandled rejection when an aborted stream is only read with for await", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const caught: unknown[] = [];
    const unhandled = await unhandledRejectionsDuring(async () => {
      const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
      try {
        for await (const _chunk of stream) stream.abort();
      } catch (error) {
        caught.push(error);
      }
    });
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(StreamAbortedError);
    expect(unhandled).toEqual([]);
  });

  it("leaves no unhandled rejection when a stream is aborted and never read", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const unhandled = await unhandledRejectionsDuring(async () => {
      const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
      stream.abort();
      const reader = stream.toReadableStream().getReader();
      await reader.cancel();
    });
    expect(unhandled).toEqual([]);
    expect(adapter.requests).toHaveLength(0);
  });
});

describe("ResponseStream concurrency", () => {
  it("keeps the text and response of concurrent streams from the same prompt instance apart", async () => {
    const adapter = createMemoryAdapter((request) => {
      const user = request.params.user ?? "?";
      return [`${user}1 `, `${user}2 `, `${user}3`, { finishReason: "stop" }];
    });
    const recommender = new (promptFor(adapter))({ ingredient: "apples" });
    const streams = ["ann", "bob", "cat"].map((user) => recommender.stream({ user }));
    const looped = await Promise.all(streams.map((stream) => collectText(stream)));
    expect(looped).toEqual(["ann1 ann2 ann3", "bob1 bob2 bob3", "cat1 cat2 cat3"]);
    const responses = await Promise.all(streams.map((stream) => stream.response()));
    expect(responses.map(({ content, requestNumber }) => ({ content, requestNumber }))).toEqual([
      { content: "ann1 ann2 ann3", requestNumber: 1 },
      { content: "bob1 bob2 bob3", requestNumber: 2 },
      { content: "cat1 cat2 cat3", requestNumber: 3 },
    ]);
    expect(adapter.requests.map((request) => request.params.user)).toEqual(["ann", "bob", "cat"]);
  });

  it("interleaves two streams of one instance chunk by chunk without mixing their chunks", async () => {
    const adapter = createMemoryAdapter((request) => [`${request.params.user}-a`, `${request.params.user}-b`]);
    const recommender = new (promptFor(adapter))({ ingredient: "apples" });
    const left = recommender.stream({ user: "left" })[Symbol.asyncIterator]();
    const right = recommender.stream({ user: "right" })[Symbol.asyncIterator]();
    const order: string[] = [];
    for (const iterator of [left, right, right, left]) {
      const result = await iterator.next();
      if (result.done !== true) order.push(result.value.content);
    }
    expect(order).toEqual(["left-a", "right-a", "right-b", "left-b"]);
  });
});

describe("ResponseStream when the consumer leaves and the adapter's cleanup throws", () => {
  it("still resolves response() with the text so far: leaving early is not a failure", async () => {
    let aborted = false;
    const adapter = {
      specificationVersion: "v1" as const,
      provider: "fragile",
      doCall: () => Promise.reject(new Error("unused")),
      async doStream(request: { signal: AbortSignal }) {
        request.signal.addEventListener("abort", () => {
          aborted = true;
        });
        const iterator: AsyncIterator<ResponseChunk> = {
          next: async () => ({
            done: false,
            value: { content: "Hel", finishReason: undefined, rawFinishReason: undefined, usage: undefined },
          }),
          // A body cancelled while the connection is torn down may reject, as undici's does.
          return: async () => {
            throw new Error("body cancelled");
          },
        };
        return {
          chunks: { [Symbol.asyncIterator]: () => iterator },
          createResponse: (summary: StreamSummary) => ({
            ...summary,
            model: undefined,
            id: undefined,
            message: { role: "assistant" as const, content: summary.content },
          }),
        };
      },
    };
    class Ask extends definePrompt(adapter)({ template: "Go" }) {}
    const stream = new Ask().stream();
    for await (const chunk of stream) if (chunk.content === "Hel") break;
    await expect(stream.response()).resolves.toMatchObject({ content: "Hel", finishReason: undefined });
    expect(aborted).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// An adapter that decodes an SSE body with readServerSentEvents, the way both built-in providers
// do. The whole body arrives in one read, so every chunk after the first is already held when it
// is asked for (the stream takes it without a network read).
// ---------------------------------------------------------------------------------------------

function sseAdapter(events: readonly string[], onCancel: () => void = () => {}) {
  return {
    specificationVersion: "v1" as const,
    provider: "sse",
    doCall: () => Promise.reject(new Error("unused")),
    async doStream() {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(events.map((data) => `data: ${data}\n\n`).join("")));
        },
        cancel: onCancel,
      });
      const chunks = readServerSentEvents(body, {
        event(data): ResponseChunk | typeof END_OF_STREAM {
          if (data === "[DONE]") return END_OF_STREAM;
          const parsed = JSON.parse(data) as { text?: string; error?: string; stop?: boolean };
          if (parsed.error !== undefined)
            throw new ProviderError(parsed.error, { provider: "sse", code: "server_error" });
          const finishReason: FinishReason | undefined = parsed.stop === true ? "stop" : undefined;
          return { content: parsed.text ?? "", finishReason, rawFinishReason: finishReason, usage: undefined };
        },
      });
      return {
        chunks,
        createResponse: (summary: StreamSummary) => ({
          ...summary,
          model: undefined,
          id: undefined,
          message: { role: "assistant" as const, content: summary.content },
        }),
      };
    },
  };
}

describe("ResponseStream over readServerSentEvents, with chunks already held from one read", () => {
  const words = ["Apple", " crumble", " for", " four", "."].map((text) => JSON.stringify({ text }));

  it("delivers every chunk in order and resolves response() at [DONE]", async () => {
    class Ask extends definePrompt(sseAdapter([...words, JSON.stringify({ stop: true }), "[DONE]"]))({
      template: "Go",
    }) {}
    const stream = new Ask().stream();
    expect(await collectText(stream)).toBe("Apple crumble for four.");
    await expect(stream.response()).resolves.toMatchObject({
      content: "Apple crumble for four.",
      finishReason: "stop",
    });
  });

  it("delivers no held chunk after abort(), and keeps the text received before it", async () => {
    class Ask extends definePrompt(sseAdapter([...words, "[DONE]"]))({ template: "Go" }) {}
    const stream = new Ask().stream();
    const seen: string[] = [];
    const failure = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.content);
          if (seen.length === 2) stream.abort();
        }
      })(),
    );
    expect(seen).toEqual(["Apple", " crumble"]);
    expect(failure).toBeInstanceOf(StreamAbortedError);
    expect((failure as StreamAbortedError).partialText).toBe("Apple crumble");
  });

  it("serves the held chunks before a failing event, then fails with the text received", async () => {
    const events = [
      words[0] as string,
      words[1] as string,
      JSON.stringify({ error: "The model broke down." }),
      words[2] as string,
      "[DONE]",
    ];
    class Ask extends definePrompt(sseAdapter(events))({ template: "Go" }) {}
    const stream = new Ask().stream();
    const seen: string[] = [];
    const failure = await rejectionOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.content);
      })(),
    );
    expect(seen).toEqual(["Apple", " crumble"]);
    expect(failure).toBeInstanceOf(ProviderError);
    expect((failure as ProviderError).partialText).toBe("Apple crumble");
    await expect(stream.text()).rejects.toBe(failure);
  });

  it("cancels the body when the loop leaves early, and resolves response() with what arrived", async () => {
    let cancelled = false;
    class Ask extends definePrompt(sseAdapter([...words, "[DONE]"], () => (cancelled = true)))({ template: "Go" }) {}
    const stream = new Ask().stream();
    for await (const chunk of stream) if (chunk.content === " crumble") break;
    expect(cancelled).toBe(true);
    await expect(stream.response()).resolves.toMatchObject({ content: "Apple crumble", finishReason: undefined });
  });

  it("answers reads asked for at once, without awaiting each, in order", async () => {
    class Ask extends definePrompt(sseAdapter([...words, "[DONE]"]))({ template: "Go" }) {}
    const iterator = new Ask().stream()[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    expect(results.map((result) => (result.done === true ? "(done)" : result.value.content))).toEqual([
      "Apple",
      " crumble",
      " for",
      " four",
      ".",
      "(done)",
      "(done)",
    ]);
  });
});

describe("ResponseStream reads asked for at once", () => {
  it("answers them in order, one chunk each, when the adapter waits between chunks", async () => {
    const adapter = createMemoryAdapter(["a", "b", "c"]);
    const iterator = new (promptFor(adapter))({ ingredient: "apples" }).stream()[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 5 }, () => iterator.next()));
    expect(results.map((result) => (result.done === true ? "(done)" : result.value.content))).toEqual([
      "a",
      "b",
      "c",
      "(done)",
      "(done)",
    ]);
    expect(adapter.requests).toHaveLength(1);
  });
});
