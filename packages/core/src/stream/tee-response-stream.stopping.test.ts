/** A split stream when a branch stops, is aborted, or the request fails: what each branch and the request see. */
import { describe, expect, it } from "vitest";
import { ProviderError, StreamAbortedError } from "../index.js";
import { rejectionOf } from "../test-support.js";
import { collectText, createMemoryAdapter, helloScript, promptFor } from "./response-stream.test-support.js";
import { teeResponseStream } from "./tee-response-stream.js";

type Script = Parameters<typeof createMemoryAdapter>[0];

function split(script: Script) {
  const adapter = createMemoryAdapter(script);
  const [first, second] = teeResponseStream(new (promptFor(adapter))({ ingredient: "apples" }).stream());
  return { adapter, first, second };
}

/** Reads `stream` until a chunk with `content`, then leaves the loop. */
async function readUntil(stream: AsyncIterable<{ readonly content: string }>, content: string): Promise<string[]> {
  const seen: string[] = [];
  for await (const chunk of stream) {
    seen.push(chunk.content);
    if (chunk.content === content) break;
  }
  return seen;
}

describe("teeResponseStream when a branch stops", () => {
  it("lets the other branch read everything when one leaves its loop early, and keeps the request open until then", async () => {
    const { adapter, first, second } = split(helloScript);
    expect(await readUntil(first, "Hel")).toEqual(["Hel"]);
    expect(adapter.requests[0]?.signal.aborted).toBe(false);
    expect(await collectText(second)).toBe("Hello!");
    expect(adapter.requests[0]?.signal.aborted).toBe(false);
    expect(adapter.closedStreams()).toBe(1);
    // The stopped branch's response is the stream's: complete, since the other branch read it to its end.
    expect(await first.text()).toBe("Hello!");
    expect(await second.response()).toMatchObject({ content: "Hello!", finishReason: "stop" });
  });

  it("lets the branch that stopped second stop the request; response() resolves with what arrived", async () => {
    const { adapter, first, second } = split(["Hel", "lo", { hang: true }, "never"]);
    expect(await readUntil(first, "Hel")).toEqual(["Hel"]);
    expect(await readUntil(second, "lo")).toEqual(["Hel", "lo"]);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.closedStreams()).toBe(1);
    const response = await first.response();
    expect(response).toMatchObject({ content: "Hello", finishReason: undefined });
    expect(await second.response()).toBe(response);
  });

  it("stops a branch nobody will read with cancel(), so that the other one's early stop cancels the request", async () => {
    const { adapter, first, second } = split(["Hel", "lo", { hang: true }]);
    await second.cancel();
    expect(adapter.requests).toHaveLength(0);
    expect(await readUntil(first, "lo")).toEqual(["Hel", "lo"]);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(await second.text()).toBe("Hello");
  });

  it("cancels the request without sending it when both branches stop before reading", async () => {
    const { adapter, first, second } = split(helloScript);
    await first.cancel();
    await second.cancel();
    expect(adapter.requests).toHaveLength(0);
    expect(await rejectionOf(first.response())).toBeInstanceOf(StreamAbortedError);
  });

  it("stops a branch when its ReadableStream is cancelled, even while a read waits for the server", async () => {
    const { adapter, first, second } = split(["Hel", "lo", { hang: true }]);
    const firstReader = first.toReadableStream().getReader();
    expect(await firstReader.read()).toEqual({ done: false, value: "Hel" });
    await firstReader.cancel();
    expect(adapter.requests[0]?.signal.aborted).toBe(false);

    const secondReader = second.toReadableStream().getReader();
    expect(await secondReader.read()).toEqual({ done: false, value: "Hel" });
    expect(await secondReader.read()).toEqual({ done: false, value: "lo" });
    // The next read waits for a server that sends nothing more: cancelling ends it.
    const waiting = secondReader.read();
    await secondReader.cancel();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(await first.text()).toBe("Hello");
  });
});

describe("teeResponseStream when the request is aborted or fails", () => {
  it("rejects both branches and both responses with the StreamAbortedError when abort() is called on one branch", async () => {
    const { adapter, first, second } = split(["Hel", "lo", { hang: true }, "never"]);
    const seenByFirst: string[] = [];
    const firstLoop = rejectionOf(
      (async () => {
        for await (const chunk of first) {
          seenByFirst.push(chunk.content);
          if (chunk.content === "lo") first.abort("user pressed stop");
        }
      })(),
    );
    const firstError = await firstLoop;
    expect(seenByFirst).toEqual(["Hel", "lo"]);
    expect(firstError).toBeInstanceOf(StreamAbortedError);
    expect(firstError).toMatchObject({ partialText: "Hello", reason: "user pressed stop" });
    expect(adapter.requests[0]?.signal.aborted).toBe(true);

    // The other branch still gets the chunks that arrived before the abort, then the same error.
    const seenBySecond: string[] = [];
    const secondError = await rejectionOf(
      (async () => {
        for await (const chunk of second) seenBySecond.push(chunk.content);
      })(),
    );
    expect(seenBySecond).toEqual(["Hel", "lo"]);
    expect(secondError).toBe(firstError);
    expect(await rejectionOf(first.response())).toBe(firstError);
    expect(await rejectionOf(second.text())).toBe(firstError);
  });

  it("rejects the reads both branches wait on when one branch is aborted", async () => {
    const { first, second } = split(["Hel", { hang: true }]);
    const firstReader = first[Symbol.asyncIterator]();
    const secondReader = second[Symbol.asyncIterator]();
    expect((await firstReader.next()).value?.content).toBe("Hel");
    expect((await secondReader.next()).value?.content).toBe("Hel");
    const waiting = Promise.all([rejectionOf(firstReader.next()), rejectionOf(secondReader.next())]);
    second.abort("shutting down");
    const [firstError, secondError] = await waiting;
    expect(firstError).toBeInstanceOf(StreamAbortedError);
    expect(firstError).toMatchObject({ partialText: "Hel", reason: "shutting down" });
    expect(secondError).toBe(firstError);
  });

  it("delivers a failure mid-stream to each branch after the chunks before it, with the text received", async () => {
    const failure = new ProviderError("The connection was reset", { code: "stream_interrupted", provider: "memory" });
    const { adapter, first, second } = split(["Hel", "lo", { fail: failure }]);
    const seen: Array<{ branch: string; content: string }> = [];
    const read = async (branch: string, stream: typeof first) => {
      for await (const chunk of stream) seen.push({ branch, content: chunk.content });
    };
    const [firstError, secondError] = await Promise.all([
      rejectionOf(read("first", first)),
      rejectionOf(read("second", second)),
    ]);
    expect(seen.filter((entry) => entry.branch === "first").map((entry) => entry.content)).toEqual(["Hel", "lo"]);
    expect(seen.filter((entry) => entry.branch === "second").map((entry) => entry.content)).toEqual(["Hel", "lo"]);
    expect(firstError).toBeInstanceOf(ProviderError);
    expect(firstError).toMatchObject({ code: "stream_interrupted", partialText: "Hello" });
    expect(secondError).toBe(firstError);
    expect(await rejectionOf(first.response())).toBe(firstError);
    expect(await rejectionOf(second.text())).toBe(firstError);
    expect(adapter.closedStreams()).toBe(1);
  });

  it("rejects response() of a branch that stopped before a failure the other branch then reached", async () => {
    const failure = new ProviderError("The connection was reset", { code: "stream_interrupted", provider: "memory" });
    const { first, second } = split(["Hel", "lo", { fail: failure }]);
    expect(await readUntil(first, "Hel")).toEqual(["Hel"]);
    const error = await rejectionOf(collectText(second));
    expect(await rejectionOf(first.response())).toBe(error);
  });
});
