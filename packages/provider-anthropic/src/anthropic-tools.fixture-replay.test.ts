/**
 * Recorded Anthropic streams with tool calls (shared/fixtures/anthropic-messages), replayed as
 * recorded from a loopback server through the real `@anthropic-ai/sdk`, by a prompt that has the
 * recorded tools: each gives the calls the recording holds, computed here from the recording.
 */
import { type AnyTool, defineTool } from "@promptstream/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectedFrom, fixturesDir, readRecording, sseTextOf } from "./anthropic-recordings.test-support.js";
import { labelOf, useScriptedServer } from "./anthropic-tools.test-support.js";
import { type AnthropicCallResponseChunk, AnthropicPrompt } from "./index.js";

/** The recording's tool_use blocks: their id, name, and input JSON as streamed (`""` when none came). */
function recordedCalls(file: string) {
  const expected = expectedFrom(readRecording(file));
  const calls = expected.blocks.flatMap((block, at) =>
    block.type === "tool_use" ? [{ at, id: String(block.id), name: String(block.name) }] : [],
  );
  const [first] = calls;
  if (first === undefined) throw new Error(`${file} holds no tool_use block`);
  return { ...expected, call: { ...first, argsText: expected.toolInputJson.get(first.at) ?? "" } };
}

describe.skipIf(fixturesDir === undefined)("recorded tool-use streams replayed through a prompt with tools", () => {
  const server = useScriptedServer();

  /** Replays `file` (a `*.chunks.txt` framed as the fixtures' README says, a `*.sse` byte for byte). */
  async function replay(file: string, tools: readonly AnyTool[]) {
    server.answer({ sse: sseTextOf(file) });
    class Recorded extends AnthropicPrompt({ template: "USER: {file}", tools, client: server.client }) {}
    const stream = new Recorded({ file }).stream();
    const labels: string[] = [];
    const chunks: AnthropicCallResponseChunk[] = [];
    for await (const item of stream) {
      labels.push(labelOf(item));
      if (item.kind === undefined) chunks.push(item);
    }
    return { labels, chunks, response: await stream.response() };
  }

  it("anthropic-json-tool: the call's fragments become its validated arguments, yielded at its content_block_stop", async () => {
    const file = "anthropic-json-tool.1.chunks.txt";
    const json = defineTool({
      name: "json",
      parameters: z.object({
        elements: z.array(z.object({ location: z.string(), temperature: z.number(), condition: z.string() })),
      }),
    });
    const { call } = recordedCalls(file);
    const { labels, response } = await replay(file, [json]);

    expect(labels.slice(labels.indexOf("content_block_stop 0"), -2)).toEqual([
      "content_block_stop 0",
      "tool-call json",
    ]);
    expect(response.toolCalls).toEqual([
      { id: call.id, name: "json", args: JSON.parse(call.argsText), argsText: call.argsText },
    ]);
    expect(response.toolCalls[0]?.args).toEqual({
      elements: [{ location: "San Francisco", temperature: 58, condition: "sunny" }],
    });
    expect(response.finishReason).toBe("tool_calls");
    expect(response.content).toBe("");
  });

  it("anthropic-tool-no-args: a call with only an empty fragment has {} as arguments, after the text", async () => {
    const file = "anthropic-tool-no-args.chunks.txt";
    const updateIssueList = defineTool({ name: "updateIssueList", parameters: z.object({}) });
    const { call, text } = recordedCalls(file);
    expect(call.argsText).toBe("");
    const { labels, chunks, response } = await replay(file, [updateIssueList]);

    expect(labels[labels.indexOf("content_block_stop 1") + 1]).toBe("tool-call updateIssueList");
    // Block 1 is the response's first call: call index 0.
    expect(chunks.flatMap((chunk) => chunk.toolCallDeltas ?? []).map((delta) => delta.index)).toEqual([0, 0, 0]);
    expect(response.toolCalls).toEqual([{ id: call.id, name: "updateIssueList", args: {}, argsText: "" }]);
    expect(response.content).toBe(text);
    expect(response.message.toolCalls).toEqual([{ id: call.id, name: "updateIssueList", args: {}, argsText: "" }]);
  });

  it("tool_use_response: the text, then a get_weather call whose arguments came in four pieces", async () => {
    const file = "tool_use_response.sse";
    const getWeather = defineTool({ name: "get_weather", parameters: z.object({ location: z.string() }) });
    const { call, text } = recordedCalls(file);
    const { labels, response } = await replay(file, [getWeather]);

    expect(labels[labels.indexOf("content_block_stop 1") + 1]).toBe("tool-call get_weather");
    expect(response.content).toBe(text);
    expect(response.toolCalls).toEqual([
      { id: call.id, name: "get_weather", args: { location: "Paris" }, argsText: call.argsText },
    ]);
    expect(response.contentBlocks[1]).toMatchObject({ type: "tool_use", id: call.id, input: { location: "Paris" } });
  });

  it("incomplete_partial_json_response: the call cut off by max_tokens is an incomplete call holding what arrived", async () => {
    const file = "incomplete_partial_json_response.sse";
    const makeFile = defineTool({
      name: "make_file",
      parameters: z.object({ filename: z.string(), lines_of_text: z.array(z.string()) }),
    });
    const { call, text } = recordedCalls(file);
    expect(() => JSON.parse(call.argsText)).toThrow(SyntaxError);
    const { labels, response } = await replay(file, [makeFile]);

    // Anthropic never closed the block: the call completes when the stream ends, after message_stop.
    expect(labels.slice(-2)).toEqual(["message_stop", "tool-call-error make_file"]);
    expect(response.finishReason).toBe("length");
    expect(response.content).toBe(text);
    expect(response.toolCalls).toEqual([]);
    const [invalid] = response.invalidToolCalls;
    expect(invalid).toMatchObject({ id: call.id, name: "make_file", argsText: call.argsText });
    // Cut off by the token limit (stop_reason max_tokens): incomplete, whatever its text, never run.
    expect(invalid?.error).toMatchObject({ code: "incomplete", toolName: "make_file", toolCallId: call.id });
    expect(response.rawToolCalls).toEqual([{ id: call.id, name: "make_file", argsText: call.argsText }]);
    expect(response.message.toolCalls).toEqual([{ id: call.id, name: "make_file", args: {}, argsText: call.argsText }]);
  });
});
