import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  type CallResponse,
  definePrompt,
  type ResponseChunk,
  StreamAbortedError,
  type StreamSummary,
  TimeoutError,
} from "../index.js";

/** An adapter whose chunks come after the given delays (ms), honouring the request's signal. */
function paced(delays: number[]): AdapterV1<object, ResponseChunk, CallResponse> & { requests: number } {
  const adapter = {
    specificationVersion: "v1" as const,
    provider: "paced",
    requests: 0,
    doCall: () => Promise.reject(new Error("unused")),
    async doStream(request: { signal: AbortSignal }) {
      adapter.requests += 1;
      async function* chunks(): AsyncGenerator<ResponseChunk> {
        for (const [index, ms] of delays.entries()) {
          await wait(ms, request.signal);
          const last = index === delays.length - 1;
          yield {
            content: `c${index}`,
            finishReason: last ? "stop" : undefined,
            rawFinishReason: undefined,
            usage: undefined,
          };
        }
      }
      return {
        chunks: chunks(),
        createResponse: (summary: StreamSummary) => ({
          ...summary,
          model: undefined,
          id: undefined,
          message: { role: "assistant" as const, content: summary.content },
        }),
      };
    },
  };
  return adapter;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function timersNow(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}

describe("idleTimeout", () => {
  it("fails a stream whose next chunk is late with a TimeoutError keeping the text, and retries nothing after the first chunk", async () => {
    const adapter = paced([0, 200]);
    class Ask extends definePrompt(adapter)({ template: "Go", idleTimeout: 50, maxRetries: 2, retryDelayMs: 1 }) {}
    const error = await new Ask()
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "timeout", partialText: "c0", provider: "paced" });
    expect((error as Error).message).toMatch(/idleTimeout/);
    expect(adapter.requests).toBe(1);
  });

  it("retries a request whose first chunk is late", async () => {
    const adapter = paced([200]);
    class Ask extends definePrompt(adapter)({ template: "Go", idleTimeout: 40, maxRetries: 2, retryDelayMs: 1 }) {}
    const stream = new Ask().stream();
    await expect(stream.text()).rejects.toBeInstanceOf(TimeoutError);
    expect(adapter.requests).toBe(3);
    expect(stream.attempts).toBe(3);
  });

  it("does not count the time the consumer spends between reads", async () => {
    const adapter = paced([0, 0, 0]);
    class Ask extends definePrompt(adapter)({ template: "Go", idleTimeout: 30 }) {}
    const seen: string[] = [];
    for await (const chunk of new Ask().stream()) {
      seen.push(chunk.content);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    expect(seen).toEqual(["c0", "c1", "c2"]);
  });
});

describe("timeout", () => {
  it("ends the whole call with a TimeoutError, not a StreamAbortedError, and leaves no timer behind", async () => {
    const before = timersNow();
    const adapter = paced([0, 0, 500]);
    class Ask extends definePrompt(adapter)({ template: "Go", timeout: 60 }) {}
    const error = await new Ask()
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "c0c1" });
    expect((error as Error).message).toMatch(/timeout of 60 ms/);
    expect(timersNow()).toBe(before);
  });

  it("the call level overrides the definition", async () => {
    const adapter = paced([0, 100]);
    class Ask extends definePrompt(adapter)({ template: "Go", timeout: 20 }) {}
    await expect(new Ask().stream(undefined, { timeout: 1_000 }).text()).resolves.toBe("c0c1");
  });
});
