/**
 * Streamed tool calls through the real `openai` SDK, from a loopback server: the parts yielded
 * as calls complete, the typed and validated calls of `response()`, invalid calls, and a stream
 * cut in the middle of a call's arguments.
 */
import { StreamInterruptedError, type ToolCallDelta, ToolCallError } from "@promptstream/core";
import { createOpenAIToolCallChunks } from "@promptstream/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type OpenAICallResponseChunk, OpenAIPrompt } from "./index.js";
import { getTime, getWeather, itemsOf, useToolServer } from "./openai-tools.test-support.js";

const tools = useToolServer();

function weatherPrompt() {
  return class Weather extends OpenAIPrompt({
    template: "What is the weather in Paris, and the time in Tokyo?",
    tools: [getWeather, getTime],
    client: tools.client,
  }) {};
}

const PARIS = { id: "call_paris", name: "get_weather", arguments: '{"city":"Paris"}' };
const TOKYO = { id: "call_tokyo", name: "get_time", arguments: '{"zone":"Asia/Tokyo"}' };

describe("a streamed answer with tool calls", () => {
  it("yields each call as a part right after the chunk that completed it, before the stream ends", async () => {
    const chunks = createOpenAIToolCallChunks([PARIS, TOKYO]);
    tools.queue({ chunks });
    const Weather = weatherPrompt();
    const items = await itemsOf(new Weather().stream());

    // OpenAI marks no call complete: Paris completes when Tokyo's first fragment arrives, Tokyo at the end.
    const tokyoStarts = chunks.findIndex((chunk) => JSON.stringify(chunk).includes('"id":"call_tokyo"'));
    expect(items.indexOf("tool-call:get_weather")).toBe(tokyoStarts + 1);
    expect(items.slice(0, tokyoStarts + 1).every((item) => item === "chunk")).toBe(true);
    expect(items.slice(tokyoStarts + 2)).toEqual([
      ...Array.from({ length: chunks.length - tokyoStarts - 1 }, () => "chunk"),
      "tool-call:get_time",
    ]);
  });

  it("resolves response().toolCalls to the typed calls, validated, with the schema's defaults applied", async () => {
    tools.queue({ chunks: createOpenAIToolCallChunks([PARIS, TOKYO]) });
    const Weather = weatherPrompt();
    const response = await new Weather().stream().response();

    expect(response.toolCalls).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "c" }, argsText: '{"city":"Paris"}' },
      { id: "call_tokyo", name: "get_time", args: { zone: "Asia/Tokyo" }, argsText: '{"zone":"Asia/Tokyo"}' },
    ]);
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.finishReason).toBe("tool_calls");
    expect(response.rawFinishReason).toBe("tool_calls");
    const [first] = response.toolCalls;
    if (first?.name === "get_weather") expectTypeOf(first.args).toEqualTypeOf<{ city: string; unit: "c" | "f" }>();
    if (first?.name === "get_time") expectTypeOf(first.args).toEqualTypeOf<{ zone: string }>();
  });

  it("keeps the text written before, between and after the calls in content, and the calls in the message", async () => {
    tools.queue({
      chunks: createOpenAIToolCallChunks(["Let me check.", PARIS, " And the time:", TOKYO, " One moment."]),
    });
    const Weather = weatherPrompt();
    const stream = new Weather().stream();
    const items = await itemsOf(stream);
    const response = await stream.response();

    expect(items.filter((item) => item !== "chunk")).toEqual(["tool-call:get_weather", "tool-call:get_time"]);
    expect(response.content).toBe("Let me check. And the time: One moment.");
    expect(response.message).toEqual({
      role: "assistant",
      content: "Let me check. And the time: One moment.",
      toolCalls: [
        { id: "call_paris", name: "get_weather", args: { city: "Paris" }, argsText: '{"city":"Paris"}' },
        { id: "call_tokyo", name: "get_time", args: { zone: "Asia/Tokyo" }, argsText: '{"zone":"Asia/Tokyo"}' },
      ],
    });
    expect(response.completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: "Let me check. And the time: One moment.",
      refusal: null,
      tool_calls: [
        { id: "call_paris", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_tokyo", type: "function", function: { name: "get_time", arguments: '{"zone":"Asia/Tokyo"}' } },
      ],
    });
  });

  it("exposes each chunk's fragments as neutral toolCallDeltas, and undefined on chunks without any", async () => {
    tools.queue({ chunks: createOpenAIToolCallChunks(["Hi.", PARIS, TOKYO]) });
    const Weather = weatherPrompt();
    const deltas: Array<readonly ToolCallDelta[] | undefined> = [];
    for await (const item of new Weather().stream()) {
      if (item.kind === undefined) deltas.push((item as OpenAICallResponseChunk).toolCallDeltas);
    }
    const carrying = deltas.filter((chunkDeltas) => chunkDeltas !== undefined).flat();
    expect(deltas[0]).toBeUndefined(); // the role chunk
    expect(deltas[1]).toBeUndefined(); // "Hi."
    expect(deltas.at(-1)).toBeUndefined(); // usage
    expect(carrying[0]).toEqual({ index: 0, id: "call_paris", name: "get_weather", argsTextDelta: "" });
    expect(
      carrying
        .filter((delta) => delta.index === 0)
        .map((delta) => delta.argsTextDelta)
        .join(""),
    ).toBe(PARIS.arguments);
    expect(
      carrying
        .filter((delta) => delta.index === 1)
        .map((delta) => delta.argsTextDelta)
        .join(""),
    ).toBe(TOKYO.arguments);
    expect(carrying.filter((delta) => delta.id !== undefined).map((delta) => delta.id)).toEqual([
      "call_paris",
      "call_tokyo",
    ]);
    expect(carrying.every((delta) => delta.done === undefined)).toBe(true);
  });
});

describe("calls that cannot be run", () => {
  it("reports an unknown tool, arguments that are not JSON and arguments the schema refuses, without failing the stream", async () => {
    tools.queue({
      chunks: createOpenAIToolCallChunks([
        { id: "call_unknown", name: "book_flight", arguments: '{"to":"Paris"}' },
        { id: "call_broken", name: "get_weather", arguments: '{"city":"Par' },
        { id: "call_refused", name: "get_weather", arguments: '{"city":42}' },
        { id: "call_fine", name: "get_time", arguments: '{"zone":"UTC"}' },
        " Done.",
      ]),
    });
    const Weather = weatherPrompt();
    const stream = new Weather().stream();
    const items = await itemsOf(stream);
    const response = await stream.response();

    expect(items.filter((item) => item !== "chunk")).toEqual([
      "tool-call-error:book_flight",
      "tool-call-error:get_weather",
      "tool-call-error:get_weather",
      "tool-call:get_time",
    ]);
    expect(response.toolCalls).toEqual([
      { id: "call_fine", name: "get_time", args: { zone: "UTC" }, argsText: '{"zone":"UTC"}' },
    ]);
    const errors = response.invalidToolCalls.map((call) => call.error);
    expect(errors.every((error) => error instanceof ToolCallError)).toBe(true);
    // Sorted by id: core lists calls in the order they completed, and arguments that are not JSON
    // keep a call open until the stream ends (a core issue, reported: the model's order is lost).
    const byId = [...errors].sort((a, b) => a.toolCallId.localeCompare(b.toolCallId));
    expect(byId.map((error) => [error.code, error.toolCallId, error.toolName])).toEqual([
      ["invalid_json", "call_broken", "get_weather"],
      ["invalid_arguments", "call_refused", "get_weather"],
      ["unknown_tool", "call_unknown", "book_flight"],
    ]);
    expect(byId[0]?.argsText).toBe('{"city":"Par');
    expect(byId[1]?.issues.map((issue) => issue.path)).toEqual([["city"]]);
    expect(response.content).toBe(" Done.");
    // The message keeps every call, valid or not: a history must answer each.
    expect(response.message.toolCalls?.map((call) => call.id).sort()).toEqual([
      "call_broken",
      "call_fine",
      "call_refused",
      "call_unknown",
    ]);
  });
});

describe("a stream cut in the middle of a call's arguments", () => {
  it("fails with a StreamInterruptedError whose partialToolCalls hold the complete calls and the cut one", async () => {
    const whole = createOpenAIToolCallChunks(["Checking.", PARIS, TOKYO]);
    const cutAt = whole.findIndex((chunk) => JSON.stringify(chunk).includes('"arguments":"{\\"zone\\":'));
    tools.queue({ chunks: whole.slice(0, cutAt + 1), done: false });
    const Weather = weatherPrompt();
    const stream = new Weather().stream();
    const seen: string[] = [];
    const failure = await (async () => {
      try {
        for await (const item of stream) seen.push(item.kind ?? "chunk");
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    expect(failure).toBeInstanceOf(StreamInterruptedError);
    const interrupted = failure as StreamInterruptedError;
    expect(interrupted.partialText).toBe("Checking.");
    expect(interrupted.partialToolCalls).toEqual([
      {
        id: "call_paris",
        name: "get_weather",
        argsText: '{"city":"Paris"}',
        complete: true,
        partialArgs: { city: "Paris" },
      },
      // A key shows only once its value has begun.
      { id: "call_tokyo", name: "get_time", argsText: '{"zone":', complete: false, partialArgs: {} },
    ]);
    // The complete call was yielded before the stream broke off; the cut one never was.
    expect(seen.filter((kind) => kind !== "chunk")).toEqual(["tool-call"]);
    await expect(stream.response()).rejects.toBe(failure);
  });
});
