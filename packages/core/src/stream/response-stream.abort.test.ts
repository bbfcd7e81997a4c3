/** Aborting a ResponseStream (abort(), the call's and the instance's signals), and leaving it early. */
import { describe, expect, it } from "vitest";
import { definePrompt, type ResponseChunk, StreamAbortedError, type StreamSummary } from "../index.js";
import { rejectionOf } from "../test-support.js";
import { collectText, createMemoryAdapter, helloScript, promptFor } from "./response-stream.test-support.js";

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
