/**
 * Replays the recorded Gemini streams (shared/fixtures/google-gemini) from a loopback server,
 * through the real `@google/genai` SDK, and checks what `stream()` exposes against values
 * computed here from the recording itself; then the tool calls of the recordings that have them.
 */
import { defineTool } from "@promptstream/core";
import { FIXTURES_MISSING_REASON, findFixturesDir, listFixtureFiles, readChunkLines } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type GeminiServer, startGeminiServer } from "./google-server.test-support.js";
import { GooglePrompt } from "./index.js";

const FOLDER = "google-gemini";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);
const files = listFixtureFiles(FOLDER, [".chunks.txt"]);

interface RawPart {
  readonly text?: string;
  readonly thought?: boolean;
  readonly functionCall?: { readonly name?: string };
}
interface RawChunk {
  readonly candidates?: ReadonlyArray<{
    readonly content?: { readonly parts?: RawPart[] };
    readonly finishReason?: string;
  }>;
  readonly usageMetadata?: Record<string, number | string>;
}

let server: GeminiServer;
let lines: string[] = [];
beforeAll(async () => {
  server = await startGeminiServer(() => ({ lines }));
});
afterAll(() => server.close());

function replay(file: string) {
  lines = readChunkLines(fixturesDir ?? "", `${FOLDER}/${file}`);
  class Ask extends GooglePrompt({
    template: "Answer the question.",
    client: { apiKey: "AIzaFixtureReplayKey", baseURL: server.baseURL },
  }) {}
  return new Ask().stream();
}

describe.skipIf(fixturesDir === undefined)("every Gemini recording", () => {
  it.each(files)("%s: text, thinking, finish reason and usage as recorded", async (file) => {
    const stream = replay(file);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const raw = lines.map((line) => JSON.parse(line) as RawChunk);
    const parts = raw.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    const text = parts
      .filter((part) => part.thought !== true)
      .map((part) => part.text ?? "")
      .join("");
    const reasoning = parts
      .filter((part) => part.thought === true)
      .map((part) => part.text ?? "")
      .join("");
    const hasCalls = parts.some((part) => part.functionCall?.name !== undefined);
    const usage = raw[raw.length - 1]?.usageMetadata ?? {};
    const response = await stream.response();
    expect(chunks.length).toBe(raw.length);
    expect(response.content).toBe(text);
    expect(response.reasoning).toBe(reasoning);
    expect(response.rawFinishReason).toBe("STOP");
    expect(response.finishReason).toBe(hasCalls ? "tool_calls" : "stop");
    expect(response.usage).toEqual({
      inputTokens: usage.promptTokenCount,
      outputTokens: Number(usage.candidatesTokenCount) + Number(usage.thoughtsTokenCount),
      totalTokens: usage.totalTokenCount,
      cachedInputTokens: undefined,
      reasoningTokens: usage.thoughtsTokenCount,
    });
  });
});

const weather = defineTool({
  name: "weather",
  description: "The weather at a place",
  parameters: z.object({ location: z.string() }),
  execute: ({ location }) => `Sunny in ${location}`,
});

describe.skipIf(fixturesDir === undefined)("the recordings' tool calls", () => {
  it("google-tool-call: one complete call, its thought signature kept", async () => {
    lines = readChunkLines(fixturesDir ?? "", `${FOLDER}/google-tool-call.chunks.txt`);
    class Ask extends GooglePrompt({
      template: "Weather in San Francisco?",
      tools: [weather],
      client: { apiKey: "AIzaFixtureReplayKey", baseURL: server.baseURL },
    }) {}
    const response = await new Ask().stream().response();
    expect(response.toolCalls.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: "weather", args: { location: "San Francisco" } },
    ]);
    expect(response.toolCalls[0]?.id).toMatch(/^gemini-call-/);
    expect(response.googleContent.parts?.[0]?.thoughtSignature).toMatch(/^EqUC/);
  });

  it("google-stream-no-args-tool-call: a call without args, then three streamed calls", async () => {
    lines = readChunkLines(fixturesDir ?? "", `${FOLDER}/google-stream-no-args-tool-call.chunks.txt`);
    const readTheme = defineTool({ name: "read_theme", parameters: z.object({}), execute: () => "dark" });
    const readScreen = defineTool({
      name: "read_screen",
      parameters: z.object({ id: z.string() }),
      execute: () => "ok",
    });
    class Ask extends GooglePrompt({
      template: "Read the theme, then screens A, B and C.",
      tools: [readTheme, readScreen],
      client: { apiKey: "AIzaFixtureReplayKey", baseURL: server.baseURL },
    }) {}
    const response = await new Ask().stream().response();
    expect(response.toolCalls.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: "read_theme", args: {} },
      { name: "read_screen", args: { id: "A" } },
      { name: "read_screen", args: { id: "B" } },
      { name: "read_screen", args: { id: "C" } },
    ]);
  });

  it("google-stream-tool-call-arguments: partialArgs assembled into each call's arguments", async () => {
    lines = readChunkLines(fixturesDir ?? "", `${FOLDER}/google-stream-tool-call-arguments.chunks.txt`);
    const getWeather = defineTool({
      name: "getWeather",
      parameters: z.object({ location: z.string() }),
      execute: () => "sunny",
    });
    class Ask extends GooglePrompt({
      template: "Weather in Boston and San Francisco?",
      tools: [getWeather],
      client: { apiKey: "AIzaFixtureReplayKey", baseURL: server.baseURL },
    }) {}
    const response = await new Ask().stream().response();
    expect(response.toolCalls.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: "getWeather", args: { location: "Boston" } },
      { name: "getWeather", args: { location: "San Francisco" } },
    ]);
    expect(response.finishReason).toBe("tool_calls");
  });
});
