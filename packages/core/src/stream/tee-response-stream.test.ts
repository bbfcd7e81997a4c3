/** Reading the two branches of a split stream: the same chunks, the same response, and a buffer no larger than the lag. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AdapterV1,
  type CallParams,
  type CallResponse,
  definePrompt,
  defineTool,
  type ResponseChunk,
  StreamConsumedError,
} from "../index.js";
import { thrownBy } from "../test-support.js";
import { callDeltas, createToolAdapter, labelsOf } from "../tools/tool-adapter.test-support.js";
import {
  collectText,
  createMemoryAdapter,
  helloScript,
  type MemoryChunk,
  promptFor,
} from "./response-stream.test-support.js";
import { teeResponseStream } from "./tee-response-stream.js";

function splitHello() {
  const adapter = createMemoryAdapter(helloScript);
  const stream = new (promptFor(adapter))({ ingredient: "apples" }).stream();
  const [first, second] = teeResponseStream(stream);
  return { adapter, stream, first, second };
}

async function collectChunks<TChunk>(iterable: AsyncIterable<TChunk>): Promise<TChunk[]> {
  const chunks: TChunk[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

/**
 * An adapter whose chunks count how many of them were read from it: the stream reads its adapter
 * only when it is read, so this counts the split stream's reads of its source.
 */
function countingAdapter(contents: readonly string[]) {
  let reads = 0;
  async function* chunks(): AsyncGenerator<ResponseChunk, void, undefined> {
    for (const content of contents) {
      reads += 1;
      yield { content, finishReason: undefined, rawFinishReason: undefined, usage: undefined };
    }
  }
  const adapter: AdapterV1<CallParams, ResponseChunk, CallResponse> = {
    specificationVersion: "v1",
    provider: "memory",
    doCall: () => Promise.reject(new Error("doCall is not used by these tests")),
    doStream: async () => ({
      chunks: chunks(),
      createResponse: (summary) => ({
        ...summary,
        model: "memory-1",
        id: "response-1",
        message: { role: "assistant", content: summary.content },
      }),
    }),
  };
  class Counter extends definePrompt(adapter)({ template: "Count" }) {}
  return { stream: new Counter().stream(), reads: () => reads };
}

describe("teeResponseStream reading", () => {
  it("gives both branches the same chunks in order, read one after the other, from one request", async () => {
    const { adapter, first, second } = splitHello();
    const firstChunks = await collectChunks(first);
    const secondChunks = await collectChunks(second);
    expect(firstChunks.map((chunk) => chunk.content)).toEqual(["Hel", "lo", "", "!", ""]);
    expect(secondChunks).toEqual(firstChunks);
    // The adapter's own chunks pass through untouched: same objects, with their own fields.
    expect(secondChunks.map((chunk: MemoryChunk) => chunk.index)).toEqual([0, 1, 2, 3, 4]);
    expect(secondChunks[0]).toBe(firstChunks[0]);
    expect(adapter.requests).toHaveLength(1);
  });

  it("resolves text() and response() of both branches from the one response", async () => {
    const { adapter, stream, first, second } = splitHello();
    const [firstText, secondText] = await Promise.all([first.text(), second.text()]);
    expect(firstText).toBe("Hello!");
    expect(secondText).toBe("Hello!");
    const response = await first.response();
    expect(response).toMatchObject({ content: "Hello!", finishReason: "stop", model: "memory-1" });
    expect(await second.response()).toBe(response);
    expect(await stream.response()).toBe(response);
    expect(adapter.requests).toHaveLength(1);
    expect(first.attempts).toBe(1);
  });

  it("reads the whole stream for response() on a branch nobody iterates, and the other branch then reads from the buffer", async () => {
    const { adapter, first, second } = splitHello();
    expect(await first.text()).toBe("Hello!");
    expect(await collectText(second)).toBe("Hello!");
    expect(adapter.requests[0]?.signal.aborted).toBe(false);
  });

  it("hands out the chunks in order when the branches' reads interleave", async () => {
    const { first, second } = splitHello();
    const firstReader = first[Symbol.asyncIterator]();
    const secondReader = second[Symbol.asyncIterator]();
    const read = async (reader: AsyncIterator<ResponseChunk>) => (await reader.next()).value?.content;
    expect(await read(firstReader)).toBe("Hel");
    expect(await read(secondReader)).toBe("Hel");
    expect(await read(secondReader)).toBe("lo");
    expect(await read(firstReader)).toBe("lo");
    expect(await read(firstReader)).toBe("");
    expect(await read(firstReader)).toBe("!");
    expect(await read(secondReader)).toBe("");
    expect(await read(secondReader)).toBe("!");
    expect(await read(secondReader)).toBe("");
    expect(await secondReader.next()).toEqual({ done: true, value: undefined });
    expect(await read(firstReader)).toBe("");
    expect(await firstReader.next()).toEqual({ done: true, value: undefined });
  });

  it("gives each of two concurrent loops every chunk", async () => {
    const { first, second } = splitHello();
    const [firstText, secondText] = await Promise.all([collectText(first), collectText(second)]);
    expect(firstText).toBe("Hello!");
    expect(secondText).toBe("Hello!");
  });

  it("answers reads asked for at once on one branch in the order they were asked", async () => {
    const { first, second } = splitHello();
    const reader = first[Symbol.asyncIterator]();
    const results = await Promise.all([reader.next(), reader.next(), reader.next(), reader.next()]);
    expect(results.map((result) => result.value?.content)).toEqual(["Hel", "lo", "", "!"]);
    expect(await collectText(second)).toBe("Hello!");
  });

  it("passes a tool stream's parts through to both branches, and both responses hold the calls", async () => {
    const getWeather = defineTool({ name: "get_weather", parameters: z.object({ city: z.string() }) });
    const paris = { id: "call_1", name: "get_weather", args: '{"city":"Paris"}' };
    const adapter = createToolAdapter({
      streams: [[{ content: "Checking. ", toolCallDeltas: callDeltas(0, paris, 2) }, { finishReason: "tool_calls" }]],
    });
    class Forecaster extends definePrompt(adapter)({ template: "Weather", tools: [getWeather] }) {}
    const [first, second] = teeResponseStream(new Forecaster().stream());
    const [firstLabels, secondLabels] = await Promise.all([labelsOf(first), labelsOf(second)]);
    expect(firstLabels).toEqual(["text:Checking. ", "chunk", "tool-call:call_1"]);
    expect(secondLabels).toEqual(firstLabels);
    expect((await second.response()).toolCalls).toEqual([
      { id: "call_1", name: "get_weather", args: { city: "Paris" }, argsText: paris.args },
    ]);
  });

  it("gives the text of each chunk that has some through textStream and toReadableStream", async () => {
    const { first, second } = splitHello();
    const texts: string[] = [];
    for await (const text of first.textStream) texts.push(text);
    expect(texts).toEqual(["Hel", "lo", "!"]);
    const pieces: string[] = [];
    await second.toReadableStream().pipeTo(new WritableStream({ write: (piece) => void pieces.push(piece) }));
    expect(pieces).toEqual(["Hel", "lo", "!"]);
  });
});

describe("teeResponseStream buffering", () => {
  it("reads the source only when a branch asks for a chunk it does not have: the faster branch sets the pace", async () => {
    const { stream, reads } = countingAdapter(["a", "b", "c", "d", "e"]);
    const [ahead, behind] = teeResponseStream(stream);
    const aheadReader = ahead[Symbol.asyncIterator]();
    const behindReader = behind[Symbol.asyncIterator]();
    expect(reads()).toBe(0);
    for (const expected of ["a", "b", "c"]) expect((await aheadReader.next()).value?.content).toBe(expected);
    expect(reads()).toBe(3);
    // The slower branch reads what the faster one already asked for: no new read of the source.
    for (const expected of ["a", "b", "c"]) expect((await behindReader.next()).value?.content).toBe(expected);
    expect(reads()).toBe(3);
    // Now the slower branch is the one ahead.
    expect((await behindReader.next()).value?.content).toBe("d");
    expect(reads()).toBe(4);
    expect((await aheadReader.next()).value?.content).toBe("d");
    expect(reads()).toBe(4);
  });

  it("reads the source once for a chunk that both branches wait for at the same time", async () => {
    const { stream, reads } = countingAdapter(["a", "b"]);
    const [first, second] = teeResponseStream(stream);
    const firstReader = first[Symbol.asyncIterator]();
    const secondReader = second[Symbol.asyncIterator]();
    const [fromFirst, fromSecond] = await Promise.all([firstReader.next(), secondReader.next()]);
    expect(fromFirst.value?.content).toBe("a");
    expect(fromSecond).toBe(fromFirst);
    expect(reads()).toBe(1);
  });
});

describe("teeResponseStream claims", () => {
  it("throws StreamConsumedError when a branch is iterated a second time", async () => {
    const { first } = splitHello();
    expect(await collectText(first)).toBe("Hello!");
    expect(thrownBy(() => first[Symbol.asyncIterator]())).toBeInstanceOf(StreamConsumedError);
    expect(await first.text()).toBe("Hello!");
  });

  it("throws StreamConsumedError when the stream was already being read, and when the split stream is iterated", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const reading = new (promptFor(adapter))({ ingredient: "apples" }).stream();
    reading[Symbol.asyncIterator]();
    expect(thrownBy(() => teeResponseStream(reading))).toBeInstanceOf(StreamConsumedError);

    const { stream, first, second } = splitHello();
    expect(thrownBy(() => stream[Symbol.asyncIterator]())).toBeInstanceOf(StreamConsumedError);
    expect(await Promise.all([first.text(), second.text()])).toEqual(["Hello!", "Hello!"]);
  });

  it("splits a branch again, for a third reader", async () => {
    const { first, second } = splitHello();
    const [third, fourth] = teeResponseStream(second);
    const texts = await Promise.all([collectText(first), collectText(third), collectText(fourth)]);
    expect(texts).toEqual(["Hello!", "Hello!", "Hello!"]);
    expect((await fourth.response()).content).toBe("Hello!");
  });
});
