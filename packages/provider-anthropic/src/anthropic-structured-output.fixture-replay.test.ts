/**
 * Recorded Anthropic streams with a tool's JSON input (shared/fixtures/anthropic-messages), replayed
 * from a loopback server through the real `@anthropic-ai/sdk`, checking that core's incremental
 * JSON parser reads each recorded input, fragment by fragment as recorded, to JSON.parse of its
 * whole text, by the two public ways to it:
 * - a prompt with the recorded tool and `toolCallDeltas`: each `tool-call-delta` part's
 *   `partialArgs`;
 * - a structured output in `tool` mode: the variant, derived here and never written back, renames
 *   the recorded tool to the prompt's output name, so that its input is the answer
 *   (`partialObjects`, `object()`).
 * (The recorded calls' validated arguments are checked in anthropic-tools.fixture-replay.test.ts.)
 */
import { defineTool } from "@promptstream/core";
import { isPartOf } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectedFrom, fixturesDir, type RawEvent, readRecording } from "./anthropic-recordings.test-support.js";
import { snapshotsOf } from "./anthropic-structured-output.test-support.js";
import { useScriptedServer } from "./anthropic-tools.test-support.js";
import { AnthropicPrompt } from "./index.js";

const OUTPUT_NAME = "answer";

/** The recordings with a tool's JSON input, and a schema its input fits. */
const RECORDINGS = [
  {
    file: "anthropic-json-tool.1.chunks.txt",
    tool: "json",
    schema: z.object({
      elements: z.array(z.object({ location: z.string(), temperature: z.number(), condition: z.string() })),
    }),
  },
  { file: "tool_use_response.sse", tool: "get_weather", schema: z.object({ location: z.string() }) },
] as const;

/** The recording's events with its one tool_use block renamed to the output's name, and that block's input text. */
function asOutputTool(file: string): { events: RawEvent[]; inputText: string } {
  const recorded = readRecording(file);
  const start = recorded.find(
    (event) => event.type === "content_block_start" && event.content_block?.type === "tool_use",
  );
  if (start?.index === undefined) throw new Error(`${file} holds no tool_use block`);
  const events = recorded.map((event) =>
    event.type === "content_block_start" && event.content_block?.type === "tool_use"
      ? { ...event, content_block: { ...event.content_block, name: OUTPUT_NAME } }
      : event,
  );
  return { events, inputText: expectedFrom(recorded).toolInputJson.get(start.index) ?? "" };
}

describe.skipIf(fixturesDir === undefined)(
  "recorded tool inputs read by a prompt with the tool, as tool-call-delta parts",
  () => {
    const server = useScriptedServer();

    it.each(RECORDINGS)(
      "$file: the last partialArgs is JSON.parse of the recorded input, each one a part of it",
      async ({ file, tool, schema }) => {
        const recorded = readRecording(file);
        const { inputText } = asOutputTool(file);
        const expected: unknown = JSON.parse(inputText);
        server.answer({ events: recorded, eventDelayMs: 1 });
        class Recorded extends AnthropicPrompt({
          template: "USER: {file}",
          tools: [defineTool({ name: tool, parameters: schema })],
          toolCallDeltas: true,
          client: server.client,
        }) {}
        const stream = new Recorded({ file }).stream();
        const deltas: Array<{ argsTextDelta: string; partialArgs: unknown }> = [];
        for await (const item of stream) if (item.kind === "tool-call-delta") deltas.push(item);
        const { toolCalls } = await stream.response();

        // One part per input_json_delta that holds text, in order.
        const fragments = recorded.flatMap((event) =>
          event.type === "content_block_delta" && event.delta?.type === "input_json_delta"
            ? [event.delta.partial_json ?? ""]
            : [],
        );
        expect(deltas.map((delta) => delta.argsTextDelta)).toEqual(fragments.filter((fragment) => fragment !== ""));
        expect(deltas.at(-1)?.partialArgs).toEqual(expected);
        for (const { partialArgs } of deltas) {
          if (partialArgs !== undefined) expect(isPartOf(partialArgs, expected)).toBe(true);
        }
        expect(toolCalls[0]?.args).toEqual(expected);
      },
    );
  },
);

describe.skipIf(fixturesDir === undefined)("recorded tool inputs re-served as a structured output in tool mode", () => {
  const server = useScriptedServer();

  it.each(RECORDINGS)(
    "$file: the partial objects end at JSON.parse of the recorded input, as does object()",
    async ({ file, schema }) => {
      const { events, inputText } = asOutputTool(file);
      const expected: unknown = JSON.parse(inputText);
      // One event per network write, so that each fragment is parsed, and can be seen, on its own.
      server.answer({ events, eventDelayMs: 1 });
      class Recorded extends AnthropicPrompt({
        template: "USER: {file}",
        output: { schema, name: OUTPUT_NAME, mode: "tool" },
        client: server.client,
      }) {}
      const stream = new Recorded({ file }).stream();
      const snapshots = await snapshotsOf(stream.partialObjects);
      const response = await stream.response();

      expect(snapshots.at(-1)).toEqual(expected);
      expect(await stream.object()).toEqual(expected);
      expect(response.object).toEqual(expected);
      // The answer is the input's text as recorded, fragment by fragment; any text before the tool is not part of it.
      expect(response.content).toBe(inputText);
      expect(response.outputMode).toBe("tool");
      expect(response.finishReason).toBe("stop");
      expect(response.rawToolCalls).toBeUndefined();
      // Every snapshot is a state the JSON passed through: its text is a prefix-consistent part of the whole.
      for (const snapshot of snapshots) expect(isPartOf(snapshot, expected)).toBe(true);
    },
  );
});
