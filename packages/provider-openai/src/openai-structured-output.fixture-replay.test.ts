/**
 * The recorded xAI stream with a tool call (shared/fixtures/openai-chat/xai-tool-call.chunks.txt),
 * replayed from a loopback server through the real `openai` SDK, checking that core's incremental
 * JSON parser reads the recorded arguments to JSON.parse of their whole text, by the two public
 * ways to it:
 * - a prompt with the recorded tool and `toolCallDeltas`: each `tool-call-delta` part's `partialArgs`;
 * - a structured output: the variants, derived here and never written back, move each
 *   `delta.tool_calls` argument fragment into `delta.content` (as recorded, and cut into one chunk
 *   per character), so that the arguments are the answer (`partialObjects`, `object()`).
 * (The recorded call's validated arguments are checked in openai-fixture-replay.tools.test.ts.)
 */
import { defineTool } from "@promptstream/core";
import {
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  isPartOf,
  type OpenAIChatServer,
  readChunkLines,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import { snapshotsOf } from "./openai-structured-output.test-support.js";

const RECORDING = "openai-chat/xai-tool-call.chunks.txt";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

interface RecordedChunk {
  readonly choices: Array<{
    readonly delta: { readonly tool_calls?: Array<{ readonly function?: { readonly arguments?: string } }> };
    readonly finish_reason?: string | null;
  }>;
}

/** How the recording is served: as recorded, or with the argument fragments as content, whole or one character per chunk. */
type Variant = "recorded" | "as-recorded" | "per-character";

/**
 * The recording with its tool-call fragments turned into content (`variant`), the finish reason
 * `tool_calls` into `stop`; and the arguments' whole text.
 */
function asContent(lines: readonly string[], variant: Variant): { chunks: object[]; argsText: string } {
  let argsText = "";
  const chunks = lines.flatMap((line) => {
    const chunk = JSON.parse(line) as RecordedChunk & Record<string, unknown>;
    const [choice] = chunk.choices;
    if (choice === undefined) return [chunk];
    const { tool_calls: calls, ...delta } = choice.delta;
    const finish_reason = choice.finish_reason === "tool_calls" ? "stop" : choice.finish_reason;
    const fragments = (calls ?? []).map((call) => call.function?.arguments ?? "").join("");
    argsText += fragments;
    const pieces = fragments === "" ? [undefined] : variant === "as-recorded" ? [fragments] : [...fragments];
    return pieces.map((content) => ({
      ...chunk,
      choices: [{ ...choice, delta: content === undefined ? delta : { ...delta, content }, finish_reason }],
    }));
  });
  return { chunks, argsText };
}

describe.skipIf(fixturesDir === undefined)("the recorded xAI tool arguments re-served as a structured output", () => {
  let server: OpenAIChatServer;
  let lines: string[];
  beforeAll(async () => {
    lines = readChunkLines(fixturesDir ?? "", RECORDING);
    // The request's user message names the variant; one chunk per network write, so that each
    // fragment is parsed, and can be seen, on its own.
    server = await startOpenAIChatServer((request) => {
      const { messages } = request.body as { messages: Array<{ content: string }> };
      const variant = messages.at(-1)?.content as Variant;
      return { chunks: variant === "recorded" ? lines : asContent(lines, variant).chunks, chunkDelayMs: 1 };
    });
  });
  afterAll(() => server.close());

  it("recorded: the last tool-call-delta part's partialArgs is JSON.parse of the arguments, as is the call's args", async () => {
    const { argsText } = asContent(lines, "as-recorded");
    const expected: unknown = JSON.parse(argsText);
    class Forecast extends OpenAIPrompt({
      template: "{variant}",
      tools: [defineTool({ name: "weather", parameters: z.object({ location: z.string() }) })],
      toolCallDeltas: true,
      client: { baseURL: server.baseURL, apiKey: "test-key", maxRetries: 0 },
    }) {}
    const stream = new Forecast({ variant: "recorded" }).stream();
    const deltas: Array<{ argsTextDelta: string; partialArgs: unknown }> = [];
    for await (const item of stream) if (item.kind === "tool-call-delta") deltas.push(item);
    const { toolCalls } = await stream.response();

    expect(deltas.map((delta) => delta.argsTextDelta).join("")).toBe(argsText);
    expect(deltas.at(-1)?.partialArgs).toEqual(expected);
    for (const { partialArgs } of deltas) {
      if (partialArgs !== undefined) expect(isPartOf(partialArgs, expected)).toBe(true);
    }
    expect(toolCalls[0]?.args).toEqual(expected);
  });

  it.each(["as-recorded", "per-character"] as const)(
    "%s: the partial objects end at JSON.parse of the recorded arguments, as does object()",
    async (variant) => {
      const { argsText } = asContent(lines, variant);
      expect(argsText).not.toBe("");
      const expected: unknown = JSON.parse(argsText);
      class Forecast extends OpenAIPrompt({
        template: "{variant}",
        output: z.object({ location: z.string() }),
        client: { baseURL: server.baseURL, apiKey: "test-key", maxRetries: 0 },
      }) {}
      const stream = new Forecast({ variant }).stream();
      const snapshots = await snapshotsOf(stream.partialObjects);
      const response = await stream.response();

      expect(snapshots.at(-1)).toEqual(expected);
      expect(await stream.object()).toEqual(expected);
      expect(response.object).toEqual(expected);
      expect(response.content).toBe(argsText);
      expect(response.outputMode).toBe("json_schema");
      // Cut per character, each string is seen growing: every snapshot's location is a prefix of the final one.
      const locations = snapshots.map((snapshot) => snapshot.location ?? "");
      const final = (expected as { location: string }).location;
      expect(locations.every((location) => final.startsWith(location))).toBe(true);
      if (variant === "per-character") expect(new Set(locations).size).toBeGreaterThan(final.length / 2);
    },
  );
});
