/**
 * The `toolCallDeltas` option: a `tool-call-delta` part per fragment of a call's arguments, with
 * the arguments parsed so far; none without the option.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt, defineTool } from "../index.js";
import { callDeltas, createToolAdapter, labelsOf } from "./tool-adapter.test-support.js";

const getWeather = defineTool({ name: "get_weather", parameters: z.object({ city: z.string(), days: z.number() }) });
const paris = { id: "call_1", name: "get_weather", args: '{"city":"Paris","days":3}' };

function streamOf(toolCallDeltas: boolean | undefined) {
  const adapter = createToolAdapter({
    streams: [
      [...callDeltas(0, paris, 5).map((delta) => ({ toolCallDeltas: [delta] })), { finishReason: "tool_calls" }],
    ],
  });
  class Planner extends definePrompt(adapter)({ template: "Weather in Paris", tools: [getWeather], toolCallDeltas }) {}
  return new Planner().stream();
}

describe("tool-call-delta parts", () => {
  it("yield each fragment with the arguments parsed so far, then the call", async () => {
    const stream = streamOf(true);
    const deltas: Array<{ argsTextDelta: string; partialArgs: unknown; name: string | undefined }> = [];
    for await (const chunk of stream) if (chunk.kind === "tool-call-delta") deltas.push(chunk);
    expect(deltas.map((delta) => delta.argsTextDelta).join("")).toBe(paris.args);
    expect(deltas.every((delta) => delta.name === "get_weather")).toBe(true);
    // A string as its prefix, a number only once complete (here: at the end), the whole args last.
    expect(deltas.map((delta) => delta.partialArgs)).toEqual([
      {},
      { city: "P" },
      { city: "Paris" },
      { city: "Paris" },
      { city: "Paris", days: 3 },
    ]);
    const { toolCalls } = await stream.response();
    expect(toolCalls[0]?.args).toEqual({ city: "Paris", days: 3 });
  });

  it("come before the call part, in order", async () => {
    const labels = (await labelsOf(streamOf(true))).filter((label) => label !== "chunk");
    expect(labels).toHaveLength(6);
    expect(labels.slice(0, 5).every((label) => label.startsWith("tool-call-delta:0:"))).toBe(true);
    expect(labels.slice(-2)).toEqual(['tool-call-delta:0:{"city":"Paris","days":3}', "tool-call:call_1"]);
  });

  it("are not yielded without the option", async () => {
    const labels = await labelsOf(streamOf(undefined));
    expect(labels.some((label) => label.startsWith("tool-call-delta"))).toBe(false);
    expect(labels).toContain("tool-call:call_1");
  });
});
