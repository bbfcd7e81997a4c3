/**
 * The recorded xAI stream with a tool call (shared/fixtures/openai-chat/xai-tool-call.chunks.txt),
 * re-served from a loopback server through the real `openai` SDK as a structured output: the
 * variants, derived here and never written back, move each `delta.tool_calls` argument fragment
 * into `delta.content` (as recorded, and cut into one chunk per character), so that the call's
 * argument text is the answer core parses incrementally. Its partial objects and object must be
 * JSON.parse of the recorded arguments. (The recording replayed to a prompt with the recorded
 * tool is in openai-fixture-replay.tools.test.ts.)
 */
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

/** How the argument fragments become content: as recorded, or one chunk per character. */
type Variant = "as-recorded" | "per-character";

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
      return { chunks: asContent(lines, messages.at(-1)?.content as Variant).chunks, chunkDelayMs: 1 };
    });
  });
  afterAll(() => server.close());

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
