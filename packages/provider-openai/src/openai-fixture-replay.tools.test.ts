/**
 * The recorded xAI stream with a tool call (shared/fixtures/openai-chat/xai-tool-call.chunks.txt),
 * replayed from a loopback server through the real `openai` SDK to a prompt with the tool it calls.
 */
import { defineTool } from "@promptstream/core";
import {
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  type OpenAIChatServer,
  readChunkLines,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import { itemsOf } from "./openai-tools.test-support.js";

const RECORDING = "openai-chat/xai-tool-call.chunks.txt";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

interface RecordedFragment {
  readonly id?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

/** The recording's lines, and its one tool call as the recording itself says it. */
function readRecording(dir: string) {
  const lines = readChunkLines(dir, RECORDING);
  const fragments = lines.flatMap((line) => {
    const chunk = JSON.parse(line) as { choices: Array<{ delta: { tool_calls?: RecordedFragment[] } }> };
    return chunk.choices[0]?.delta.tool_calls ?? [];
  });
  const [first] = fragments;
  const call = {
    id: first?.id ?? "",
    name: first?.function?.name ?? "",
    argsText: fragments.map((fragment) => fragment.function?.arguments ?? "").join(""),
  };
  return { lines, call };
}

describe.skipIf(fixturesDir === undefined)("the recorded xAI tool call replayed to a prompt with tools", () => {
  let server: OpenAIChatServer;
  let recording: ReturnType<typeof readRecording>;
  beforeAll(async () => {
    recording = readRecording(fixturesDir ?? "");
    // Each line as `data: <line>\n\n`, then `data: [DONE]\n\n`, as it was recorded.
    server = await startOpenAIChatServer(() => ({ chunks: recording.lines }));
  });
  afterAll(() => server.close());

  const weather = defineTool({
    name: "weather",
    description: "The weather at a location",
    parameters: z.object({ location: z.string() }),
  });

  it("yields the recorded call as a tool-call part and resolves it typed in response().toolCalls", async () => {
    class Forecast extends OpenAIPrompt({
      template: "What is the weather in San Francisco?",
      tools: [weather],
      client: { baseURL: server.baseURL, apiKey: "test-key", maxRetries: 0 },
    }) {}
    const stream = new Forecast().stream();
    const items = await itemsOf(stream);
    const response = await stream.response();
    const { call } = recording;

    expect(call.name).toBe("weather");
    expect(items.filter((item) => item !== "chunk")).toEqual(["tool-call:weather"]);
    expect(items.at(-1)).toBe("tool-call:weather");
    expect(response.toolCalls).toEqual([
      { id: call.id, name: "weather", args: JSON.parse(call.argsText), argsText: call.argsText },
    ]);
    expect(response.toolCalls[0]?.args).toEqual({ location: "San Francisco" });
    expect(response.invalidToolCalls).toEqual([]);
    expect(response.finishReason).toBe("tool_calls");
    expect(response.message.toolCalls).toEqual([
      { id: call.id, name: "weather", args: { location: "San Francisco" }, argsText: call.argsText },
    ]);
    expect(response.completion.choices[0]?.message.tool_calls).toEqual([
      { id: call.id, type: "function", function: { name: "weather", arguments: call.argsText } },
    ]);
    // The reasoning the model streamed first is not part of the answer's text.
    expect(response.content).toBe("");
  });
});
