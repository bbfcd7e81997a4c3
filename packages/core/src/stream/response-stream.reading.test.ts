/** ResponseStream read chunk by chunk with `for await`, and read whole (text(), textStream, toReadableStream()). */
import { describe, expect, it } from "vitest";
import { PromptstreamError, ProviderError, StreamConsumedError } from "../index.js";
import { rejectionOf } from "../test-support.js";
import {
  collectText,
  createMemoryAdapter,
  helloScript,
  MemoryChunk,
  promptFor,
  usage,
} from "./response-stream.test-support.js";

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
      reasoning: "",
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
