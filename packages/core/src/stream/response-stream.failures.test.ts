/** How a ResponseStream delivers an adapter's failures, and that it leaves no rejection unhandled. */
import { describe, expect, it } from "vitest";
import { AuthenticationError, ProviderError, StreamAbortedError } from "../index.js";
import { rejectionOf } from "../test-support.js";
import {
  collectText,
  createMemoryAdapter,
  helloScript,
  type MemoryAdapter,
  promptFor,
} from "./response-stream.test-support.js";

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
