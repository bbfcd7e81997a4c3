/**
 * The stream object's helpers (text(), textStream, response(), toReadableStream()), reading
 * once, leaving early, aborting and concurrency, against a loopback server through the real
 * `@anthropic-ai/sdk`.
 */
import { StreamAbortedError, StreamConsumedError } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  createAnthropicTextEvents,
  type RecordedRequest,
  rejectionOf,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AnthropicPrompt } from "./index.js";

// ---------------------------------------------------------------------------------------------
// The server answers each topic with its own text, echoing the topic from the request. Topics
// starting with "slow" are streamed with a pause between events, so that a consumer can leave
// or abort in the middle; topics starting with "thinking" think aloud first.
// ---------------------------------------------------------------------------------------------

const SLOW_EVENT_DELAY_MS = 30;
const MODEL = "claude-haiku-4-5-20251001";

function answerFor(topic: string): string {
  const words = topic.startsWith("slow")
    ? Array.from({ length: 25 }, (_, i) => `word${i}`).join(" ")
    : `three facts about ${topic}: it is ${topic}, it is unique, and it streams.`;
  return `About ${topic}: ${words}`;
}

function thinkingFor(topic: string): string | undefined {
  return topic.startsWith("thinking") ? `The user asks about ${topic}; list three facts.` : undefined;
}

/** The events served for a topic: the tests derive their expectations from these. */
function eventsFor(topic: string): object[] {
  const thinking = thinkingFor(topic);
  return createAnthropicTextEvents(answerFor(topic), {
    id: `msg_${topic}`,
    model: MODEL,
    usage: { input_tokens: 10 + topic.length },
    ...(thinking === undefined ? {} : { thinking }),
  });
}

interface ServedEvent {
  readonly type: string;
  readonly delta?: { readonly type?: string; readonly text?: string };
  readonly message?: { readonly usage: { readonly input_tokens: number; readonly output_tokens: number } };
  readonly usage?: { readonly output_tokens: number };
}

/** The non-empty text pieces the server sends for a topic, in order. */
function piecesFor(topic: string): string[] {
  return (eventsFor(topic) as ServedEvent[])
    .filter((event) => event.type === "content_block_delta" && event.delta?.type === "text_delta")
    .map((event) => event.delta?.text ?? "")
    .filter((piece) => piece !== "");
}

/** message_start's input tokens and message_delta's output tokens, as served for a topic. */
function usageFor(topic: string): { input: number; output: number } {
  const events = eventsFor(topic) as ServedEvent[];
  const input = events.find((event) => event.type === "message_start")?.message?.usage.input_tokens;
  const output = events.find((event) => event.type === "message_delta")?.usage?.output_tokens;
  if (input === undefined || output === undefined) throw new Error("the served events carry no usage");
  return { input, output };
}

function topicOf(request: RecordedRequest): string {
  const content = (request.body as { messages: Array<{ content: string }> }).messages[0]?.content ?? "";
  const topic = /^Tell me about (.+)$/.exec(content)?.[1];
  if (topic === undefined) throw new Error(`unexpected prompt: ${content}`);
  return topic;
}

let server: AnthropicMessagesServer;
let TopicPrompt: ReturnType<typeof defineTopicPrompt>;

function defineTopicPrompt(baseURL: string) {
  return class TopicPrompt extends AnthropicPrompt({
    template: "Tell me about {topic}",
    variables: z.object({ topic: z.string() }),
    client: { baseURL, apiKey: "sk-ant-test-helpers-0000", maxRetries: 0, logLevel: "off" },
  }) {};
}

beforeAll(async () => {
  server = await startAnthropicMessagesServer((request) => {
    const topic = topicOf(request);
    const concurrent = /^concurrent-(\d+)$/.exec(topic);
    return {
      events: eventsFor(topic),
      eventDelayMs: topic.startsWith("slow")
        ? SLOW_EVENT_DELAY_MS
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

  it("response() resolves to content, finish reason, usage, model, id, blocks and the assistant message", async () => {
    const before = server.requests.length;
    const stream = new TopicPrompt({ topic: "pears" }).stream();
    const response = await stream.response();
    const usage = usageFor("pears");
    expect(response.content).toBe(answerFor("pears"));
    expect(response.thinking).toBe("");
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe("end_turn");
    expect(response.usage).toEqual({
      inputTokens: usage.input,
      outputTokens: usage.output,
      totalTokens: usage.input + usage.output,
      cachedInputTokens: 0,
      reasoningTokens: undefined,
    });
    expect(response.model).toBe(MODEL);
    expect(response.id).toBe("msg_pears");
    expect(response.contentBlocks).toEqual([{ type: "text", text: answerFor("pears") }]);
    expect(response.message).toEqual({ role: "assistant", content: answerFor("pears") });
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

  it("textStream and toReadableStream() give the answer only, never the thinking", async () => {
    const topic = "thinking-quinces";
    const thinking = thinkingFor(topic) as string;
    const pieces: string[] = [];
    for await (const piece of new TopicPrompt({ topic }).stream().textStream) pieces.push(piece);
    expect(pieces).toEqual(piecesFor(topic));
    expect(pieces.join("")).not.toContain(thinking);

    const body = await new Response(
      new TopicPrompt({ topic }).stream().toReadableStream().pipeThrough(new TextEncoderStream()),
    ).text();
    expect(body).toBe(answerFor(topic));

    const response = await new TopicPrompt({ topic }).stream().response();
    expect(response.thinking).toBe(thinking);
    expect(response.content).toBe(answerFor(topic));
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
    expect(response.id).toBe("msg_kiwis");
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
    expect(() => stream.toReadableStream()).toThrow(StreamConsumedError);
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
    let textChunks = 0;
    for await (const chunk of stream) {
      received += chunk.content;
      if (chunk.content !== "") textChunks += 1;
      if (textChunks === 2) break;
    }
    expect(received).toBe(piecesFor("slow-break").slice(0, 2).join(""));
    expect(await requestAt(before).outcome).toBe("closed-early");

    const response = await stream.response();
    expect(response.content).toBe(received);
    expect(response.finishReason).toBeUndefined();
    expect(response.rawFinishReason).toBeUndefined();
    expect(response.contentBlocks).toEqual([{ type: "text", text: received }]);
    // message_start, which did arrive, carries the input tokens.
    expect(response.usage?.inputTokens).toBe(usageFor("slow-break").input);
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
      provider: "anthropic",
      partialText: received,
      reason: "user pressed stop",
    });
    expect(await requestAt(before).outcome).toBe("closed-early");
    expect(await rejectionOf(stream.response())).toBe(error);
    expect(await rejectionOf(stream.text())).toBe(error);
    expect(server.requests.length).toBe(before + 1);
  });

  it("aborting the AbortSignal given as stream(undefined, { signal }) closes the connection and the loop throws StreamAbortedError", async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    const stream = new TopicPrompt({ topic: "slow-signal" }).stream(undefined, { signal: controller.signal });
    let received = "";
    let textChunks = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          received += chunk.content;
          if (chunk.content !== "") textChunks += 1;
          if (textChunks === 3) controller.abort("navigated away");
        }
      })(),
    );
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(received).toBe(piecesFor("slow-signal").slice(0, 3).join(""));
    expect(error).toMatchObject({ provider: "anthropic", partialText: received, reason: "navigated away" });
    expect(await requestAt(before).outcome).toBe("closed-early");
    expect(await rejectionOf(stream.text())).toBe(error);
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
    const events = eventsFor("buffered");
    const sse = events
      .map((event) => `event: ${(event as ServedEvent).type}\ndata: ${JSON.stringify(event)}\n\n`)
      .join("");
    const burst = await startAnthropicMessagesServer(() => ({ sse }));
    try {
      class BurstPrompt extends AnthropicPrompt({
        template: "Tell me about buffered",
        client: { baseURL: burst.baseURL, apiKey: "sk-ant-test-helpers-0000", maxRetries: 0, logLevel: "off" },
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
      // The chunks before the first text_delta (pings never reach the stream) carry no text; that delta is the last one seen.
      const delivered = (events as ServedEvent[]).filter((event) => event.type !== "ping");
      const textless = delivered.findIndex((event) => event.delta?.type === "text_delta");
      expect(seen).toEqual([...Array.from({ length: textless }, () => ""), first]);
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect((error as StreamAbortedError).partialText).toBe(first);
    } finally {
      await burst.close();
    }
  });
});

describe("concurrency", () => {
  it("20 concurrent streams with different variables each get exactly their own text", async () => {
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
      expect(response.id).toBe(`msg_${topic}`);
      expect(response.usage?.inputTokens).toBe(usageFor(topic).input);
    }
    const served = server.requests.slice(before).map(topicOf).sort();
    expect(served).toEqual([...topics].sort());
  });
});
