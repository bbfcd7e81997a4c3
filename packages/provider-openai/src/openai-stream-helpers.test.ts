/**
 * The stream object's helpers (text(), textStream, response(), toReadableStream()), reading
 * once, leaving early, aborting and concurrency, against a loopback server through the real
 * `openai` SDK.
 */
import { StreamAbortedError, StreamConsumedError } from "@promptstream/core";
import {
  createOpenAITextChunks,
  type OpenAIChatServer,
  type RecordedRequest,
  rejectionOf,
  startLoopbackServer,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";

// ---------------------------------------------------------------------------------------------
// The server answers each topic with its own text; topics starting with "slow" are streamed
// with a pause between chunks, so that a consumer can leave or abort in the middle.
// ---------------------------------------------------------------------------------------------

const SLOW_CHUNK_DELAY_MS = 30;

function answerFor(topic: string): string {
  const words = topic.startsWith("slow")
    ? Array.from({ length: 25 }, (_, i) => `word${i}`).join(" ")
    : `three facts about ${topic}: it is ${topic}, it is unique, and it streams.`;
  return `About ${topic}: ${words}`;
}

/** The chunks served for a topic: the test derives its expectations from these. */
function chunksFor(topic: string): object[] {
  const answer = answerFor(topic);
  return createOpenAITextChunks(answer, {
    id: `chatcmpl-${topic}`,
    model: "gpt-4o-mini-2024-07-18",
    usage: { prompt_tokens: 10 + topic.length, completion_tokens: answer.split(" ").length },
  });
}

interface ServedChunk {
  readonly choices: ReadonlyArray<{
    readonly delta: { readonly content?: string };
    readonly finish_reason: string | null;
  }>;
  readonly usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
  };
}

/** The non-empty content pieces the server sends for a topic, in order. */
function piecesFor(topic: string): string[] {
  return (chunksFor(topic) as ServedChunk[])
    .map((chunk) => chunk.choices[0]?.delta.content ?? "")
    .filter((piece) => piece !== "");
}

function usageFor(topic: string) {
  const usage = (chunksFor(topic) as ServedChunk[]).find((chunk) => chunk.usage !== undefined)?.usage;
  if (usage === undefined) throw new Error("the served chunks carry no usage");
  return usage;
}

function topicOf(request: RecordedRequest): string {
  const content = (request.body as { messages: Array<{ content: string }> }).messages[0]?.content ?? "";
  const topic = /^Tell me about (.+)$/.exec(content)?.[1];
  if (topic === undefined) throw new Error(`unexpected prompt: ${content}`);
  return topic;
}

let server: OpenAIChatServer;
let TopicPrompt: ReturnType<typeof defineTopicPrompt>;

function defineTopicPrompt(baseURL: string) {
  return class TopicPrompt extends OpenAIPrompt({
    template: "Tell me about {topic}",
    variables: z.object({ topic: z.string() }),
    client: { baseURL, apiKey: "test-key", maxRetries: 0 },
  }) {};
}

beforeAll(async () => {
  server = await startOpenAIChatServer((request) => {
    const topic = topicOf(request);
    const concurrent = /^concurrent-(\d+)$/.exec(topic);
    return {
      chunks: chunksFor(topic),
      chunkDelayMs: topic.startsWith("slow")
        ? SLOW_CHUNK_DELAY_MS
        : concurrent
          ? (Number(concurrent[1]) % 4) + 1
          : undefined,
    };
  });
  TopicPrompt = defineTopicPrompt(server.baseURL);
});
afterAll(() => server.close());

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The request the server received at `index` (0-based), failing clearly when there is none. */
function requestAt(index: number): RecordedRequest {
  const request = server.requests[index];
  if (request === undefined) throw new Error(`no request #${index}: the server saw ${server.requests.length}`);
  return request;
}

describe("text(), textStream, response(), toReadableStream()", () => {
  it("text() sends one request and resolves to the whole text", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "apples" }).stream();
    expect(server.requests.length).toBe(before);
    expect(await stream.text()).toBe(answerFor("apples"));
    expect(server.requests.length).toBe(before + 1);
    expect(await requestAt(before).outcome).toBe("finished");
  });

  it("response() resolves to content, finish reason, usage, model, id and the assistant message", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "pears" }).stream();
    const response = await stream.response();
    const usage = usageFor("pears");
    expect(response.content).toBe(answerFor("pears"));
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe("stop");
    expect(response.usage).toEqual({
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
      totalTokens: usage.total_tokens,
      cachedInputTokens: undefined,
      reasoningTokens: undefined,
    });
    expect(response.model).toBe("gpt-4o-mini-2024-07-18");
    expect(response.id).toBe("chatcmpl-pears");
    expect(response.message).toEqual({ role: "assistant", content: answerFor("pears") });
    expect(response.refusal).toBe("");
    // text() and a second response() read the same outcome, with no new request.
    expect(await stream.text()).toBe(answerFor("pears"));
    expect(await stream.response()).toBe(response);
    expect(server.requests.length).toBe(before + 1);
  });

  it("text() and response() called together share one request", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "plums" }).stream();
    const [text, response] = await Promise.all([stream.text(), stream.response()]);
    expect(text).toBe(answerFor("plums"));
    expect(response.content).toBe(text);
    expect(server.requests.length).toBe(before + 1);
  });

  it("textStream yields each non-empty piece of text, in order", async () => {
    const pieces: string[] = [];
    for await (const piece of new TopicPrompt({ topic: "cherries" }).stream().textStream) pieces.push(piece);
    expect(pieces).toEqual(piecesFor("cherries"));
    expect(pieces.join("")).toBe(answerFor("cherries"));
  });

  it("toReadableStream() sends nothing until read, then gives the pieces of text", async () => {
    const before = server.requests.length;
    const readable = new TopicPrompt({ topic: "figs" }).stream().toReadableStream();
    await delay(20);
    expect(server.requests.length).toBe(before);
    const reader = readable.getReader();
    const pieces: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
    }
    expect(pieces).toEqual(piecesFor("figs"));
    expect(server.requests.length).toBe(before + 1);
  });

  it("toReadableStream() pipes into a web Response as bytes", async () => {
    const readable = new TopicPrompt({ topic: "dates" }).stream().toReadableStream();
    const body = await new Response(readable.pipeThrough(new TextEncoderStream())).text();
    expect(body).toBe(answerFor("dates"));
  });

  it("cancelling the readable stream midway closes the connection", async () => {
    const before = server.requests.length;
    const reader = new TopicPrompt({ topic: "slow-readable" }).stream().toReadableStream().getReader();
    const first = await reader.read();
    expect(first.value).toBe(piecesFor("slow-readable")[0]);
    await reader.cancel();
    expect(await requestAt(before).outcome).toBe("closed-early");
  });
});

describe("reading a stream once", () => {
  it("after a for await loop, response() and text() resolve from what was received, with no new request", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "kiwis" }).stream();
    let text = "";
    for await (const chunk of stream) text += chunk.content;
    expect(text).toBe(answerFor("kiwis"));
    expect(server.requests.length).toBe(before + 1);

    const response = await stream.response();
    expect(response.content).toBe(text);
    expect(response.finishReason).toBe("stop");
    expect(response.id).toBe("chatcmpl-kiwis");
    expect(await stream.text()).toBe(text);
    expect(server.requests.length).toBe(before + 1);
  });

  it("iterating a second time throws StreamConsumedError and sends nothing", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "limes" }).stream();
    for await (const _chunk of stream) {
      // read it all
    }
    const error = await rejectionOf(
      (async () => {
        for await (const _chunk of stream) {
          // never reached
        }
      })(),
    );
    expect(error).toBeInstanceOf(StreamConsumedError);
    expect(error).toMatchObject({ name: "StreamConsumedError", code: "stream_consumed" });
    expect(() => stream.textStream[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
    expect(server.requests.length).toBe(before + 1);
  });

  it("iterating after text() throws StreamConsumedError", async () => {
    const stream = new TopicPrompt({ topic: "melons" }).stream();
    expect(await stream.text()).toBe(answerFor("melons"));
    expect(() => stream[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
  });

  it("each stream() call sends its own request", async () => {
    const before = server.requests.length;
    const prompt = new TopicPrompt({ topic: "grapes" });
    expect(await prompt.stream().text()).toBe(answerFor("grapes"));
    expect(await prompt.stream().text()).toBe(answerFor("grapes"));
    expect(server.requests.length).toBe(before + 2);
  });
});

describe("leaving early and aborting", () => {
  it("an early break closes the connection, and response() resolves with the text received", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "slow-break" }).stream();
    let received = "";
    let contentChunks = 0;
    for await (const chunk of stream) {
      received += chunk.content;
      if (chunk.content !== "") contentChunks += 1;
      if (contentChunks === 2) break;
    }
    expect(received).toBe(piecesFor("slow-break").slice(0, 2).join(""));
    expect(await requestAt(before).outcome).toBe("closed-early");

    const response = await stream.response();
    expect(response.content).toBe(received);
    expect(response.finishReason).toBeUndefined();
    expect(response.usage).toBeUndefined();
    expect(await stream.text()).toBe(received);
    expect(server.requests.length).toBe(before + 1);
  });

  it("an early break out of textStream closes the connection too", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "slow-textstream" }).stream();
    const pieces: string[] = [];
    for await (const piece of stream.textStream) {
      pieces.push(piece);
      if (pieces.length === 3) break;
    }
    expect(pieces).toEqual(piecesFor("slow-textstream").slice(0, 3));
    expect(await requestAt(before).outcome).toBe("closed-early");
    expect(await stream.text()).toBe(pieces.join(""));
  });

  it("stream.abort() closes the connection and the loop throws StreamAbortedError with the text received", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "slow-abort" }).stream();
    let received = "";
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          received += chunk.content;
          if (chunk.content !== "") stream.abort("user pressed stop");
        }
      })(),
    );
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(received).toBe(piecesFor("slow-abort")[0]);
    expect(error).toMatchObject({
      code: "aborted",
      provider: "openai",
      partialText: received,
      reason: "user pressed stop",
    });
    expect(await requestAt(before).outcome).toBe("closed-early");
    expect(await rejectionOf(stream.response())).toBe(error);
    expect(await rejectionOf(stream.text())).toBe(error);
    expect(server.requests.length).toBe(before + 1);
  });

  it("aborting the call's AbortSignal closes the connection and the loop throws StreamAbortedError", async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    const stream = new TopicPrompt({ topic: "slow-signal" }).stream(undefined, { signal: controller.signal });
    let received = "";
    let contentChunks = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          received += chunk.content;
          if (chunk.content !== "") contentChunks += 1;
          if (contentChunks === 3) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(received).toBe(piecesFor("slow-signal").slice(0, 3).join(""));
    expect((error as StreamAbortedError).partialText).toBe(received);
    expect(await requestAt(before).outcome).toBe("closed-early");
  });

  it("aborting the signal while the loop waits for the next chunk rejects that read", async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    const stream = new TopicPrompt({ topic: "slow-pending" }).stream(undefined, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    let received = "";
    while (received === "") {
      const result = await iterator.next();
      if (result.done === true) throw new Error("the stream ended before any text");
      received += result.value.content;
    }
    const pending = iterator.next();
    setTimeout(() => controller.abort(), 5);
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect((error as StreamAbortedError).partialText).toBe(received);
    expect(await requestAt(before).outcome).toBe("closed-early");
  });

  it("aborting the instance's signal aborts its stream", async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    const stream = new TopicPrompt({ topic: "slow-instance" }, { signal: controller.signal }).stream();
    let received = "";
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          received += chunk.content;
          if (chunk.content !== "") controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect((error as StreamAbortedError).partialText).toBe(received);
    expect(received).toBe(piecesFor("slow-instance")[0]);
    expect(await requestAt(before).outcome).toBe("closed-early");
  });

  it("a signal aborted before the first read sends no request", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "never" }).stream(undefined, { signal: AbortSignal.abort("too late") });
    const error = await rejectionOf(stream.text());
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "", reason: "too late" });
    await delay(20);
    expect(server.requests.length).toBe(before);
  });

  it("abort() delivers no chunk after it, even when the SDK already holds the rest of the response", async () => {
    // The whole response is written at once, so the SDK decodes every event from one network
    // read and could hand them over without looking at the signal.
    const chunks = chunksFor("buffered");
    const burst = await startLoopbackServer(() => ({
      headers: { "content-type": "text/event-stream" },
      body: [`${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: [DONE]\n\n`],
    }));
    try {
      class BurstPrompt extends OpenAIPrompt({
        template: "Tell me about buffered",
        client: { baseURL: `${burst.url}/v1`, apiKey: "test-key", maxRetries: 0 },
      }) {}
      const stream = new BurstPrompt().stream();
      const seen: string[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) {
            seen.push(chunk.content);
            if (chunk.content !== "") stream.abort();
          }
        })(),
      );
      const first = piecesFor("buffered")[0] as string;
      expect(seen).toEqual(["", first]);
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect((error as StreamAbortedError).partialText).toBe(first);
    } finally {
      await burst.close();
    }
  });
});

describe("concurrency", () => {
  it("20 concurrent streams each get exactly their own text", async () => {
    const before = server.requests.length;
    const topics = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`);
    const results = await Promise.all(
      topics.map(async (topic) => {
        const stream = new TopicPrompt({ topic }).stream();
        let text = "";
        for await (const chunk of stream) text += chunk.content;
        return { topic, text, response: await stream.response() };
      }),
    );
    for (const { topic, text, response } of results) {
      expect(text).toBe(answerFor(topic));
      expect(response.content).toBe(answerFor(topic));
      expect(response.id).toBe(`chatcmpl-${topic}`);
      expect(response.usage?.inputTokens).toBe(usageFor(topic).prompt_tokens);
    }
    const served = server.requests.slice(before).map(topicOf).sort();
    expect(served).toEqual([...topics].sort());
  });
});
