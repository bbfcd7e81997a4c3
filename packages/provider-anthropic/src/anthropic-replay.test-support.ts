/**
 * How the replay tests (anthropic-fixture-replay.*.test.ts) send a recording: the modes, the script
 * for each, and the loopback server that serves every recording. Only those tests import this module.
 */
import {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  randomByteOffsets,
  readAnthropicFixture,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { afterAll, beforeAll } from "vitest";
import { z } from "zod";
import { FIXTURE_FOLDER, fixturesRoot, sseTextOf } from "./anthropic-recordings.test-support.js";
import { type AnthropicCallResponseChunk, AnthropicPrompt } from "./index.js";

/**
 * How a recording is sent: `as recorded` (events for `*.chunks.txt`, the bytes for `*.sse`), or
 * as SSE text cut into pieces at random byte offsets. The seed is printed in every failure
 * message; set REPLAY_SPLIT_SEED to replay the same cuts.
 */
type ReplayMode = "as-recorded" | "split";
export const REPLAY_MODES: readonly ReplayMode[] = ["as-recorded", "split"];
export const SPLIT_SEED = Number(process.env.REPLAY_SPLIT_SEED) || Math.floor(Math.random() * 2 ** 31);
const SPLIT_PIECES = 40;

/** The script that sends a recording in the given mode. */
function scriptFor(file: string, mode: ReplayMode): AnthropicMessagesScript {
  if (mode === "as-recorded") {
    return file.endsWith(".sse")
      ? { sse: readAnthropicFixture(fixturesRoot(), `${FIXTURE_FOLDER}/${file}` as `${string}.sse`) }
      : { events: readAnthropicFixture(fixturesRoot(), `${FIXTURE_FOLDER}/${file}` as `${string}.chunks.txt`) };
  }
  const sse = sseTextOf(file);
  // A pause between pieces, so that each arrives as its own network read instead of being coalesced.
  return { sse, split: randomByteOffsets(sse, SPLIT_PIECES, seededRandom(SPLIT_SEED + file.length)), pieceDelayMs: 1 };
}

/** mulberry32: a small seeded generator, so that a failing split can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// One loopback server serves every recording: the prompt names the file and the mode.
// ---------------------------------------------------------------------------------------------

class ReplayPrompt extends AnthropicPrompt({
  template: "{fixture} {mode}",
  variables: z.object({ fixture: z.string(), mode: z.enum(["as-recorded", "split"]) }),
}) {}

/**
 * Starts the replay server before the tests of the describe block it is called in, and closes it
 * after them; returns how those tests replay a recording through it.
 */
export function useReplayServer() {
  let server: AnthropicMessagesServer;

  beforeAll(async () => {
    server = await startAnthropicMessagesServer((request) => {
      const content = (request.body as { messages: Array<{ content: string }> }).messages[0]?.content ?? "";
      const [file = "", mode = ""] = content.split(" ");
      return scriptFor(file, mode as ReplayMode);
    });
  });
  afterAll(() => server.close());

  function replay(file: string, mode: ReplayMode) {
    return new ReplayPrompt({ fixture: file, mode }).stream(undefined, {
      client: { baseURL: server.baseURL, apiKey: "sk-ant-test-replay-0000", maxRetries: 0, logLevel: "off" },
    });
  }

  async function collect(file: string, mode: ReplayMode) {
    const stream = replay(file, mode);
    const chunks: AnthropicCallResponseChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, stream };
  }

  return { replay, collect };
}
