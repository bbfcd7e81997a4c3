/** A prompt with tools whose stream fails, is aborted, or is left early: what it had of the calls. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt, defineTool, ProviderError, StreamAbortedError, StreamInterruptedError } from "../index.js";
import { rejectionOf } from "../test-support.js";
import { callDeltas, createToolAdapter, type StreamScript } from "./tool-adapter.test-support.js";

const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
});

function promptOver(options: { streams: StreamScript[] }) {
  const adapter = createToolAdapter(options);
  class Planner extends definePrompt(adapter)({ template: "Plan a trip to {city}", tools: [getWeather] }) {}
  return { adapter, prompt: new Planner({ city: "Paris" }) };
}

const paris = { id: "call_1", name: "get_weather", args: '{"city":"Paris"}' };
const london = { id: "call_2", name: "get_weather", args: '{"city":"London","unit":"f"}' };

describe("a stream with tool calls that fails", () => {
  it("fails mid-arguments with the text, the complete calls and the one cut off, not retryable", async () => {
    const cut = ProviderError.create("connection reset", { code: "stream_interrupted", provider: "memory" });
    const { prompt } = promptOver({
      streams: [
        [
          { content: "Checking." },
          { toolCallDeltas: callDeltas(0, paris, 1, true) },
          { toolCallDeltas: [{ index: 1, id: "call_2", name: "get_weather", argsTextDelta: '{"city":"Lon' }] },
          { fail: cut },
        ],
      ],
    });
    const stream = prompt.stream();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.kind ?? "chunk");
      })(),
    );
    expect(seen).toEqual(["chunk", "chunk", "tool-call", "chunk"]);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ partialText: "Checking.", retryable: false });
    expect((error as ProviderError).partialToolCalls).toEqual([
      { id: "call_1", name: "get_weather", argsText: paris.args, complete: true, partialArgs: JSON.parse(paris.args) },
      // The call cut off: its arguments so far, as the incremental parser reads them (a string as its prefix).
      { id: "call_2", name: "get_weather", argsText: '{"city":"Lon', complete: false, partialArgs: { city: "Lon" } },
    ]);
    expect(await rejectionOf(stream.response())).toBe(error);
  });

  it("wraps an adapter's unknown error mid-arguments in a ProviderError with the calls received", async () => {
    const { prompt } = promptOver({
      streams: [[{ toolCallDeltas: callDeltas(0, paris, 2) }, { fail: new Error("socket hang up") }]],
    });
    const error = await rejectionOf(prompt.stream().response());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "unknown", partialText: "", retryable: false });
    expect((error as ProviderError).partialToolCalls).toEqual([
      { id: "call_1", name: "get_weather", argsText: paris.args, complete: false, partialArgs: JSON.parse(paris.args) },
    ]);
  });

  it("rejects with StreamAbortedError when aborted after a tool call, and yields nothing more", async () => {
    const { adapter, prompt } = promptOver({
      streams: [[{ content: "On it." }, { toolCallDeltas: callDeltas(0, paris, 1, true) }, { hang: true }]],
    });
    const stream = prompt.stream();
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.kind ?? "chunk");
          if (chunk.kind === "tool-call") stream.abort("user pressed stop");
        }
      })(),
    );
    expect(seen).toEqual(["chunk", "chunk", "tool-call"]);
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ partialText: "On it.", reason: "user pressed stop" });
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
    expect(adapter.events.at(-1)).toBe("stream 0: closed");
  });

  it("resolves response() with the calls handed out when the consumer leaves early", async () => {
    const { prompt } = promptOver({
      streams: [[{ toolCallDeltas: callDeltas(0, paris, 1, true) }, { toolCallDeltas: callDeltas(1, london) }]],
    });
    const stream = prompt.stream();
    for await (const chunk of stream) if (chunk.kind === "tool-call") break;
    const response = await stream.response();
    expect(response.toolCalls.map(({ id }) => id)).toEqual(["call_1"]);
    expect(response.message.toolCalls?.map(({ id }) => id)).toEqual(["call_1"]);
  });
});
