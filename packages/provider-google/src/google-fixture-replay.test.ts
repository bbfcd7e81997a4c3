/**
 * Replays the recorded Gemini streams (shared/fixtures/google-gemini) from a loopback server,
 * through the real `@google/genai` SDK, and checks what `stream()` exposes against values
 * computed here from the recording itself; then the tool calls of the recordings that have them.
 */
import { defineTool, type Message, type ResponseChunk } from "@promptstream/core";
import { FIXTURES_MISSING_REASON, findFixturesDir, listFixtureFiles, readChunkLines } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type GeminiServer, geminiTextLines, startGeminiServer } from "./google-server.test-support.js";
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

/** The `thoughtSignature`s of a recording's parts, in order. */
function signaturesOf(recorded: readonly string[]): string[] {
  return recorded.flatMap((line) =>
    ((JSON.parse(line) as RawChunk).candidates?.[0]?.content?.parts ?? []).flatMap((part) => {
      const signature = (part as { thoughtSignature?: string }).thoughtSignature;
      return signature === undefined ? [] : [signature];
    }),
  );
}

describe.skipIf(fixturesDir === undefined)(
  "the recordings' thinking: reasoning apart from content, signatures kept",
  () => {
    it("google-reasoning: no thought text, so every chunk's reasoning is empty; the text's signature on the message", async () => {
      const stream = replay("google-reasoning.chunks.txt");
      const chunks: ResponseChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.map((chunk) => chunk.reasoning)).toEqual(["", "", ""]);
      expect(chunks.map((chunk) => chunk.content)).toEqual([
        'There are **3** "r"s in',
        " strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
        "",
      ]);
      const response = await stream.response();
      expect(response.reasoning).toBe("");
      const [signature] = signaturesOf(lines);
      expect(signature).toMatch(/^Eo0HCooH/);
      expect(response.message).toEqual({
        role: "assistant",
        content: response.content,
        providerData: { google: { thoughtSignature: signature } },
      });
      expect(response.usage?.reasoningTokens).toBe(256);
    });

    it("google-stream-no-args-tool-call: the thought streams as reasoning only, the first call keeps its signature into the next request", async () => {
      const readTheme = defineTool({ name: "read_theme", parameters: z.object({}), execute: () => "dark" });
      const readScreen = defineTool({ name: "read_screen", parameters: z.object({ id: z.string() }) });
      lines = readChunkLines(fixturesDir ?? "", `${FOLDER}/google-stream-no-args-tool-call.chunks.txt`);
      const client = { apiKey: "AIzaFixtureReplayKey", baseURL: server.baseURL };
      class Ask extends GooglePrompt({ template: "Read the theme.", tools: [readTheme, readScreen], client }) {}
      const stream = new Ask().stream();
      const reasoning: string[] = [];
      const content: string[] = [];
      for await (const chunk of stream) {
        // The Gemini chunks, not the tool-call parts core adds between them.
        if (chunk.kind !== undefined) continue;
        reasoning.push(chunk.reasoning);
        content.push(chunk.content);
      }
      const thought = (JSON.parse(lines[0] ?? "{}") as RawChunk).candidates?.[0]?.content?.parts?.[0]?.text ?? "";
      expect(thought).toMatch(/^\*\*Processing User Requests\*\*/);
      expect(reasoning[0]).toBe(thought);
      expect(reasoning.slice(1).every((piece) => piece === "")).toBe(true);
      expect(content.every((piece) => piece === "")).toBe(true);
      const response = await stream.response();
      expect(response.reasoning).toBe(thought);
      expect(response.message.reasoning).toEqual([{ provider: "google", text: thought }]);
      const [callSignature] = signaturesOf(lines);
      expect(response.message.toolCalls?.map((call) => call.providerData)).toEqual([
        { google: { thoughtSignature: callSignature } },
        undefined,
        undefined,
        undefined,
      ]);

      // The next turn, from the history stored as JSON: the recorded signature goes back on its call.
      const history: Message[] = JSON.parse(
        JSON.stringify([
          { role: "user", content: "Read the theme." },
          response.message,
          ...(response.message.toolCalls ?? []).map((call) => ({
            role: "tool",
            toolCallId: call.id,
            toolName: call.name,
            content: "ok",
          })),
        ]),
      );
      lines = geminiTextLines(["All read."]);
      class Continue extends GooglePrompt({
        template: "MESSAGES: {history}",
        variables: z.object({ history: z.array(z.any()) }),
        tools: [readTheme, readScreen],
        client,
      }) {}
      expect(await new Continue({ history }).stream().text()).toBe("All read.");
      const sent = server.requests.at(-1)?.body.contents as Array<{
        role: string;
        parts: Array<Record<string, unknown>>;
      }>;
      expect(sent[1]?.parts.map((part) => part.thoughtSignature)).toEqual([
        undefined, // the thought, which came unsigned
        callSignature,
        undefined,
        undefined,
        undefined,
      ]);
      expect(sent[1]?.parts[0]).toEqual({ text: thought, thought: true });
    });
  },
);
