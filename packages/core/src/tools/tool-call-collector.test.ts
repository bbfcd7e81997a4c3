/**
 * How a stream's tool-call fragments become calls: in any number of pieces, several calls one
 * after another or interleaved, calls without arguments, and when each call completes. Read
 * through a prompt's stream, as a user sees them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { definePrompt, defineTool, type ToolCallDelta } from "../index.js";
import { callDeltas, createToolAdapter, labelsOf, type ScriptItem } from "./tool-adapter.test-support.js";

const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
});
const getTime = defineTool({ name: "get_time", parameters: z.object({}) });
const write = defineTool({ name: "write", parameters: z.object({ text: z.string() }) });

function streamOf(items: readonly ScriptItem[], paced = true) {
  const adapter = createToolAdapter({ streams: [items], paced });
  const ToolPrompt = definePrompt(adapter);
  class Assistant extends ToolPrompt({ template: "Help with {task}", tools: [getWeather, getTime, write] }) {}
  return new Assistant({ task: "the trip" }).stream();
}

/** One chunk per fragment. */
function chunked(deltas: readonly ToolCallDelta[]): ScriptItem[] {
  return deltas.map((delta) => ({ toolCallDeltas: [delta] }));
}

const paris = { id: "call_paris", name: "get_weather", args: '{"city":"Paris","unit":"f"}' };
const london = { id: "call_london", name: "get_weather", args: '{"city":"London"}' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("tool call assembly", () => {
  it("assembles arguments sent one character per chunk", async () => {
    const stream = streamOf(chunked(callDeltas(0, paris, paris.args.length)));
    const { toolCalls, invalidToolCalls } = await stream.response();
    expect(toolCalls).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris", unit: "f" }, argsText: paris.args },
    ]);
    expect(invalidToolCalls).toEqual([]);
  });

  it("assembles the whole arguments sent in one fragment, and applies the schema's defaults", async () => {
    const stream = streamOf([{ toolCallDeltas: callDeltas(0, london) }]);
    const { toolCalls } = await stream.response();
    expect(toolCalls).toEqual([
      { id: "call_london", name: "get_weather", args: { city: "London", unit: "c" }, argsText: london.args },
    ]);
  });

  it("assembles parallel calls one after another, and several fragments in one chunk", async () => {
    const stream = streamOf([
      { toolCallDeltas: [...callDeltas(0, paris, 3), ...callDeltas(1, london, 2)] },
      { toolCallDeltas: callDeltas(2, { id: "call_time", name: "get_time", args: "{}" }) },
    ]);
    const { toolCalls } = await stream.response();
    expect(toolCalls.map(({ id, args }) => ({ id, args }))).toEqual([
      { id: "call_paris", args: { city: "Paris", unit: "f" } },
      { id: "call_london", args: { city: "London", unit: "c" } },
      { id: "call_time", args: {} },
    ]);
  });

  it("does not complete interleaved calls early: each gets its own text", async () => {
    const stream = streamOf([
      { toolCallDeltas: [{ index: 0, id: "call_paris", name: "get_weather", argsTextDelta: '{"city":"Pa' }] },
      { toolCallDeltas: [{ index: 1, id: "call_london", name: "get_weather", argsTextDelta: '{"city":"Lon' }] },
      { toolCallDeltas: [{ index: 0, argsTextDelta: 'ris"}' }] },
      { toolCallDeltas: [{ index: 1, argsTextDelta: 'don"}' }] },
    ]);
    const labels = await labelsOf(stream);
    // Neither call's text parsed when the other one started: both complete at the end.
    expect(labels).toEqual(["chunk", "chunk", "chunk", "chunk", "tool-call:call_paris", "tool-call:call_london"]);
    const { toolCalls, message } = await stream.response();
    expect(toolCalls.map(({ argsText }) => argsText)).toEqual(['{"city":"Paris"}', '{"city":"London"}']);
    expect(message.toolCalls?.map(({ args }) => args)).toEqual([{ city: "Paris" }, { city: "London" }]);
  });

  it("gives a call without any argument text the arguments {}, and keeps the model's order of calls", async () => {
    const stream = streamOf([
      { toolCallDeltas: [{ index: 0, id: "call_a", name: "get_time", argsTextDelta: "" }] },
      { toolCallDeltas: [{ index: 1, id: "call_b", name: "get_time", argsTextDelta: "", done: true }] },
      { toolCallDeltas: [{ index: 2, id: "call_c", name: "get_time", argsTextDelta: "  " }] },
    ]);
    // call_b completes first (its done mark); call_a, with no text yet, could still receive some.
    expect(await labelsOf(stream)).toEqual([
      "chunk",
      "chunk",
      "tool-call:call_b",
      "chunk",
      "tool-call:call_a",
      "tool-call:call_c",
    ]);
    const { toolCalls, invalidToolCalls, message } = await stream.response();
    expect(invalidToolCalls).toEqual([]);
    expect(toolCalls).toEqual([
      { id: "call_a", name: "get_time", args: {}, argsText: "" },
      { id: "call_b", name: "get_time", args: {}, argsText: "" },
      { id: "call_c", name: "get_time", args: {}, argsText: "  " },
    ]);
    expect(message.toolCalls?.map(({ id, args }) => ({ id, args }))).toEqual([
      { id: "call_a", args: {} },
      { id: "call_b", args: {} },
      { id: "call_c", args: {} },
    ]);
  });

  it("takes a call's id and name from the first fragment that has them, and names a call without id by its place", async () => {
    const stream = streamOf([
      { toolCallDeltas: [{ index: 0, id: "", name: "", argsTextDelta: "" }] },
      { toolCallDeltas: [{ index: 0, id: "call_late", argsTextDelta: '{"city":' }] },
      { toolCallDeltas: [{ index: 0, name: "get_weather", argsTextDelta: '"Oslo"}' }] },
      { toolCallDeltas: [{ index: 0, id: "call_other", name: "get_time", argsTextDelta: "" }] },
      { toolCallDeltas: [{ index: 1, name: "get_time", argsTextDelta: "{}" }] },
    ]);
    const { toolCalls } = await stream.response();
    expect(toolCalls.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: "call_late", name: "get_weather" },
      { id: "call_1", name: "get_time" },
    ]);
  });

  it("ignores fragments of a call the provider already marked done", async () => {
    const stream = streamOf([
      { toolCallDeltas: callDeltas(0, london, 2, true) },
      { toolCallDeltas: [{ index: 0, argsTextDelta: "garbage" }] },
    ]);
    const { toolCalls } = await stream.response();
    expect(toolCalls.map(({ argsText }) => argsText)).toEqual([london.args]);
  });
});

describe("when a tool call completes", () => {
  it("completes a call marked done on the chunk that marks it, before the next chunk", async () => {
    const labels = await labelsOf(
      streamOf([
        ...chunked(callDeltas(0, paris, 2)),
        { toolCallDeltas: [{ index: 0, argsTextDelta: "", done: true }] },
        { content: "Checking." },
        { toolCallDeltas: callDeltas(1, london, 1, true) },
        { content: "Done." },
      ]),
    );
    expect(labels).toEqual([
      "chunk",
      "chunk",
      "chunk",
      "tool-call:call_paris",
      "text:Checking.",
      "chunk",
      "tool-call:call_london",
      "text:Done.",
    ]);
  });

  it("completes a call without a done mark when the next call starts and its arguments parse", async () => {
    const labels = await labelsOf(
      streamOf([
        ...chunked(callDeltas(0, paris, 2)),
        { content: "More:" },
        ...chunked(callDeltas(1, london, 2)),
        { content: "", finishReason: "tool_calls" },
      ]),
    );
    expect(labels).toEqual([
      "chunk",
      "chunk",
      "text:More:",
      "chunk",
      "tool-call:call_paris",
      "chunk",
      "chunk",
      "tool-call:call_london",
    ]);
  });

  it("completes the calls still open when the stream ends, before it ends", async () => {
    const stream = streamOf([...chunked(callDeltas(0, paris, 2)), { content: "", finishReason: "tool_calls" }]);
    const iterator = stream[Symbol.asyncIterator]();
    const kinds: unknown[] = [];
    for (let result = await iterator.next(); result.done !== true; result = await iterator.next()) {
      kinds.push("kind" in result.value ? result.value.kind : undefined);
    }
    expect(kinds).toEqual([undefined, undefined, undefined, "tool-call"]);
  });
});

describe("assembly work", () => {
  /** What JSON.parse was given, and how many arrays holding argument pieces were joined, while `run` ran. */
  async function assemblyWork(marker: string, run: () => Promise<unknown>) {
    const holdsPiece = (array: readonly unknown[]) =>
      array.some((item) => typeof item === "string" && item.includes(marker));
    const join = Array.prototype.join;
    let joins = 0;
    // Counted when called: the collector empties a call's pieces once they are joined.
    const joinSpy = vi.spyOn(Array.prototype, "join").mockImplementation(function (this: unknown[], separator) {
      if (holdsPiece(this)) joins += 1;
      return join.call(this, separator);
    });
    const parse = vi.spyOn(JSON, "parse");
    try {
      await run();
    } finally {
      parse.mockRestore();
      joinSpy.mockRestore();
    }
    return { parsed: parse.mock.calls.map(([text]) => text).filter((text) => text.includes(marker)), joins };
  }

  function bigCall(marker: string) {
    const filler = `${marker}${"x".repeat(9)}`.repeat(2_000);
    return { id: `call_${marker}`, name: "write", args: `{"text":"${filler.slice(0, 20_000 - 11)}"}` };
  }

  it("joins and parses 20 KB of arguments in 2,000 fragments as often as in 20: once per call, never per fragment", async () => {
    const run = (pieces: number) => async () => {
      const stream = streamOf(chunked(callDeltas(0, bigCall("@"), pieces)), false);
      expect((await stream.response()).toolCalls).toHaveLength(1);
    };
    const fine = await assemblyWork("@", run(2_000));
    const coarse = await assemblyWork("@", run(20));
    expect(fine).toEqual(coarse);
    expect(fine.joins).toBe(1);
    // Parsed whole, to validate the call and to record it in the message.
    expect(fine.parsed.length).toBeLessThanOrEqual(2);
    expect(fine.parsed.every((text) => text === bigCall("@").args)).toBe(true);
  });

  it("tries a call without done mark once when the next one starts, not once per fragment of either", async () => {
    const first = bigCall("#");
    const second = { ...bigCall("%"), id: "call_second" };
    const work = await assemblyWork("#", async () => {
      const stream = streamOf(chunked([...callDeltas(0, first, 2_000), ...callDeltas(1, second, 2_000)]), false);
      expect((await stream.response()).toolCalls).toHaveLength(2);
    });
    // Joined and parsed once to see whether it is complete when the next call starts, joined once to
    // complete it, parsed once to validate it and once for the message.
    expect(work.joins).toBeLessThanOrEqual(2);
    expect(work.parsed.length).toBeLessThanOrEqual(3);
    expect(work.parsed.every((text) => text === first.args)).toBe(true);
  });
});
