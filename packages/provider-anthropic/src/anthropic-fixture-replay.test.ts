/**
 * Replays the recorded Anthropic Messages streams (shared/fixtures/anthropic-messages) from a
 * loopback server, through the real `@anthropic-ai/sdk`, and checks what `stream()` exposes
 * against values computed here from the parsed recording itself.
 *
 * Each recording is replayed as the server would send it (`*.chunks.txt` as events, `*.sse`
 * byte for byte), and once more as SSE text cut at random byte offsets, so that events split
 * across network reads (even inside a multi-byte character) are covered too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FinishReason, Usage } from "@promptstream/core";
import {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  listFixtureFiles,
  randomByteOffsets,
  readAnthropicFixture,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AnthropicCallResponseChunk, AnthropicPrompt } from "./index.js";

const FIXTURE_FOLDER = "anthropic-messages";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

/** Every recording in the folder, so that a recording added later is replayed too. */
const fixtureFiles = listFixtureFiles(FIXTURE_FOLDER, [".chunks.txt", ".sse"]);

/**
 * How a recording is sent: `as recorded` (events for `*.chunks.txt`, the bytes for `*.sse`), or
 * as SSE text cut into pieces at random byte offsets. The seed is printed in every failure
 * message; set REPLAY_SPLIT_SEED to replay the same cuts.
 */
type ReplayMode = "as-recorded" | "split";
const REPLAY_MODES: readonly ReplayMode[] = ["as-recorded", "split"];
const SPLIT_SEED = Number(process.env.REPLAY_SPLIT_SEED) || Math.floor(Math.random() * 2 ** 31);
const SPLIT_PIECES = 40;

// ---------------------------------------------------------------------------------------------
// The recording, parsed, and the values a user should see, computed from it.
// ---------------------------------------------------------------------------------------------

interface RawUsage {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

interface RawBlock {
  readonly type: string;
  readonly [field: string]: unknown;
}

interface RawDelta {
  readonly type?: string;
  readonly text?: string;
  readonly thinking?: string;
  readonly signature?: string;
  readonly partial_json?: string;
  readonly stop_reason?: string | null;
  readonly stop_sequence?: string | null;
}

interface RawEvent {
  readonly type: string;
  readonly index?: number;
  readonly message?: { readonly id: string; readonly model: string; readonly usage: RawUsage };
  readonly content_block?: RawBlock;
  readonly delta?: RawDelta;
  readonly usage?: RawUsage;
}

/** Anthropic's documented stop reasons and their neutral names; any other is "other". */
const NEUTRAL_FINISH_REASON: Readonly<Record<string, FinishReason>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "refusal",
};

function fixturesRoot(): string {
  if (fixturesDir === undefined) throw new Error(FIXTURES_MISSING_REASON);
  return fixturesDir;
}

/** A recording as SSE text: `*.sse` as it is, `*.chunks.txt` framed as the fixtures' README says. */
function sseTextOf(file: string): string {
  if (file.endsWith(".sse"))
    return readAnthropicFixture(fixturesRoot(), `${FIXTURE_FOLDER}/${file}` as `${string}.sse`);
  const lines = readFileSync(join(fixturesRoot(), FIXTURE_FOLDER, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  return lines.map((line) => `event: ${(JSON.parse(line) as RawEvent).type}\ndata: ${line}\n\n`).join("");
}

/** The event payloads of a recording, in order, `ping`s included. */
function readRecording(file: string): RawEvent[] {
  if (file.endsWith(".chunks.txt")) {
    return readAnthropicFixture(fixturesRoot(), `${FIXTURE_FOLDER}/${file}` as `${string}.chunks.txt`) as RawEvent[];
  }
  return sseTextOf(file)
    .split(/\r?\n\r?\n/)
    .map((frame) =>
      frame
        .split(/\r?\n/)
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice("data:".length).trimStart())
        .join("\n"),
    )
    .filter((data) => data !== "")
    .map((data) => JSON.parse(data) as RawEvent);
}

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

function deltaText(event: RawEvent, type: "text_delta" | "thinking_delta"): string {
  if (event.type !== "content_block_delta" || event.delta?.type !== type) return "";
  return (type === "text_delta" ? event.delta.text : event.delta.thinking) ?? "";
}

function neutralFinishReason(raw: string | undefined): FinishReason | undefined {
  return raw === undefined ? undefined : (NEUTRAL_FINISH_REASON[raw] ?? "other");
}

/** message_start's counts, each overridden by message_delta's non-null one. */
function mergeUsage(start: RawUsage | undefined, delta: RawUsage | undefined): RawUsage | undefined {
  if (start === undefined) return delta;
  const merged: Record<string, unknown> = { ...start };
  for (const [key, value] of Object.entries(delta ?? {}))
    if (value !== null && value !== undefined) merged[key] = value;
  return merged as RawUsage;
}

/** Neutral usage: input counts the cached tokens too (read and written), as OpenAI's prompt_tokens does. */
function neutralUsage(usage: RawUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const inputTokens =
    usage.input_tokens == null
      ? undefined
      : usage.input_tokens + (cacheRead ?? 0) + (usage.cache_creation_input_tokens ?? 0);
  const outputTokens = usage.output_tokens ?? undefined;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens === undefined || outputTokens === undefined ? undefined : inputTokens + outputTokens,
    cachedInputTokens: cacheRead,
    reasoningTokens: usage.output_tokens_details?.thinking_tokens ?? undefined,
  };
}

interface Expected {
  readonly text: string;
  readonly thinking: string;
  readonly rawFinishReason: string | undefined;
  readonly stopSequence: string | undefined;
  readonly rawUsage: RawUsage | undefined;
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly fallback: { from: string | undefined; to: string | undefined } | undefined;
  /** The content blocks, rebuilt from their start and their deltas. */
  readonly blocks: Array<Record<string, unknown>>;
  /** Each tool_use block's input JSON as streamed, by block index. */
  readonly toolInputJson: Map<number, string>;
}

function expectedFrom(events: readonly RawEvent[]): Expected {
  const start = events.find((event) => event.type === "message_start")?.message;
  const messageDeltas = events.filter((event) => event.type === "message_delta");
  const lastDelta = messageDeltas[messageDeltas.length - 1];
  let rawUsage = start?.usage;
  for (const delta of messageDeltas) rawUsage = mergeUsage(rawUsage, delta.usage);

  const blocks: Array<Record<string, unknown>> = [];
  const toolInputJson = new Map<number, string>();
  for (const event of events) {
    const index = event.index ?? -1;
    if (event.type === "content_block_start" && event.content_block !== undefined)
      blocks[index] = { ...event.content_block };
    if (event.type !== "content_block_delta" || event.delta === undefined) continue;
    const block = blocks[index] as Record<string, unknown>;
    const { delta } = event;
    if (delta.type === "text_delta") block.text = `${String(block.text ?? "")}${delta.text ?? ""}`;
    if (delta.type === "thinking_delta") block.thinking = `${String(block.thinking ?? "")}${delta.thinking ?? ""}`;
    if (delta.type === "signature_delta") block.signature = delta.signature;
    if (delta.type === "input_json_delta")
      toolInputJson.set(index, (toolInputJson.get(index) ?? "") + (delta.partial_json ?? ""));
  }
  for (const [index, json] of toolInputJson) {
    const block = blocks[index] as Record<string, unknown>;
    // Complete JSON is parsed (an empty input is `{}`); JSON cut off mid-way stays as the text that arrived.
    block.input = json.trim() === "" ? {} : parseOr(json, json);
  }

  const fallbackBlock = blocks.find((block) => block.type === "fallback") as
    | { from?: { model?: string }; to?: { model?: string } }
    | undefined;
  const fallback =
    fallbackBlock === undefined ? undefined : { from: fallbackBlock.from?.model, to: fallbackBlock.to?.model };
  return {
    text: events.map((event) => deltaText(event, "text_delta")).join(""),
    thinking: events.map((event) => deltaText(event, "thinking_delta")).join(""),
    rawFinishReason: lastDelta?.delta?.stop_reason ?? undefined,
    stopSequence: lastDelta?.delta?.stop_sequence ?? undefined,
    rawUsage,
    id: start?.id,
    model: fallback?.to ?? start?.model,
    fallback,
    blocks: blocks.filter((block) => block !== undefined),
    toolInputJson,
  };
}

function parseOr(json: string, otherwise: unknown): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return otherwise;
  }
}

// ---------------------------------------------------------------------------------------------
// One loopback server serves every recording: the prompt names the file and the mode.
// ---------------------------------------------------------------------------------------------

let server: AnthropicMessagesServer;

class ReplayPrompt extends AnthropicPrompt({
  template: "{fixture} {mode}",
  variables: z.object({ fixture: z.string(), mode: z.enum(["as-recorded", "split"]) }),
}) {}

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

/** The model a recording's fallback block says answered (`to.model`), if it has one. */
function fallbackBlockOf(events: readonly RawEvent[]) {
  const block = events.find((event) => event.content_block?.type === "fallback")?.content_block as
    | { to?: { model?: string } }
    | undefined;
  return block?.to?.model;
}

describe.skipIf(fixturesDir === undefined)("recorded Anthropic streams replayed through stream()", () => {
  beforeAll(async () => {
    server = await startAnthropicMessagesServer((request) => {
      const content = (request.body as { messages: Array<{ content: string }> }).messages[0]?.content ?? "";
      const [file = "", mode = ""] = content.split(" ");
      return scriptFor(file, mode as ReplayMode);
    });
  });
  afterAll(() => server.close());

  it("finds the recordings this suite is about", () => {
    expect(fixtureFiles).toEqual(
      expect.arrayContaining([
        "anthropic-text.chunks.txt",
        "anthropic-message-delta-input-tokens.chunks.txt",
        "anthropic-json-tool.1.chunks.txt",
        "anthropic-tool-no-args.chunks.txt",
        "anthropic-refusal.chunks.txt",
        "anthropic-clear-thinking.1.chunks.txt",
        "anthropic-fallback.chunks.txt",
        "basic_response.sse",
        "tool_use_response.sse",
        "incomplete_partial_json_response.sse",
      ]),
    );
  });

  describe.each(fixtureFiles)("%s", (file) => {
    describe.each(REPLAY_MODES)("sent %s", (mode) => {
      const where = `${file} (${mode}, REPLAY_SPLIT_SEED=${SPLIT_SEED})`;

      it("yields one chunk per recorded event but ping, each exposing the raw event and its shortcuts", async () => {
        const recorded = readRecording(file);
        const expected = expectedFrom(recorded);
        const { chunks } = await collect(file, mode);

        expect(
          chunks.map((chunk) => chunk.type),
          where,
        ).not.toContain("ping");
        const delivered = recorded.filter((event) => event.type !== "ping");
        expect(
          chunks.map((chunk) => chunk.event),
          where,
        ).toEqual(delivered);
        chunks.forEach((chunk, i) => {
          const raw = delivered[i] as RawEvent;
          expect(chunk.content, where).toBe(deltaText(raw, "text_delta"));
          expect(chunk.thinking, where).toBe(deltaText(raw, "thinking_delta"));
          expect(chunk.index, where).toBe(raw.index);
          const rawStop = raw.type === "message_delta" ? (raw.delta?.stop_reason ?? undefined) : undefined;
          expect(chunk.rawFinishReason, where).toBe(rawStop);
          expect(chunk.finishReason, where).toBe(neutralFinishReason(rawStop));
        });
        expect(chunks.map((chunk) => chunk.content).join(""), where).toBe(expected.text);
        expect(chunks.map((chunk) => chunk.thinking).join(""), where).toBe(expected.thinking);

        // Thinking is never part of the answer text (the answer may repeat a phrase of it, as
        // "925 ÷ 5 = 185" does, so compare per chunk and as a whole rather than by substring).
        for (const chunk of chunks) if (chunk.thinking !== "") expect(chunk.content, where).toBe("");
        if (expected.thinking !== "")
          expect(chunks.map((chunk) => chunk.content).join(""), where).not.toContain(expected.thinking);

        // The last chunk with usage holds the whole of it: the start's counts with the delta's revisions.
        const withUsage = chunks.filter((chunk) => chunk.usage !== undefined);
        expect(
          withUsage.map((chunk) => chunk.type),
          where,
        ).toEqual(
          delivered
            .filter((event) => event.type === "message_start" || event.type === "message_delta")
            .map((event) => event.type),
        );
        expect(withUsage[withUsage.length - 1]?.usage, where).toEqual(neutralUsage(expected.rawUsage as RawUsage));
      });

      it("gives the recording's text, thinking, finish reason, usage, id, model and blocks through response() and text()", async () => {
        const expected = expectedFrom(readRecording(file));
        expect(expected.rawFinishReason, where).toBeDefined();
        expect(expected.rawUsage, where).toBeDefined();

        const { stream } = await collect(file, mode);
        const response = await stream.response();
        expect(response.content, where).toBe(expected.text);
        expect(await stream.text(), where).toBe(expected.text);
        expect(response.thinking, where).toBe(expected.thinking);
        expect(response.rawFinishReason, where).toBe(expected.rawFinishReason);
        expect(response.finishReason, where).toBe(neutralFinishReason(expected.rawFinishReason));
        expect(response.stopSequence, where).toBe(expected.stopSequence);
        expect(response.usage, where).toEqual(neutralUsage(expected.rawUsage as RawUsage));
        expect(response.id, where).toBe(expected.id);
        expect(response.model, where).toBe(expected.model);
        expect(response.fallback, where).toEqual(expected.fallback);
        expect(response.message, where).toEqual({ role: "assistant", content: expected.text });

        expect(response.contentBlocks, where).toEqual(expected.blocks);
        expect(response.anthropicMessage.content, where).toEqual(expected.blocks);
        expect(response.anthropicMessage.id, where).toBe(expected.id);
        expect(response.anthropicMessage.stop_reason, where).toBe(expected.rawFinishReason);
      });

      it("gives each tool_use block its input parsed from the streamed JSON, or the raw text when it was cut off", async () => {
        const expected = expectedFrom(readRecording(file));
        const { stream } = await collect(file, mode);
        const { contentBlocks } = await stream.response();
        const toolBlocks = contentBlocks.filter((block) => block.type === "tool_use");
        expect(toolBlocks.length, where).toBe(expected.blocks.filter((block) => block.type === "tool_use").length);

        for (const [index, json] of expected.toolInputJson) {
          const block = contentBlocks[index];
          expect(block?.type, where).toBe("tool_use");
          if (block?.type !== "tool_use") continue;
          const complete = json.trim() === "" || parseOr(json, undefined) !== undefined;
          if (complete) expect(block.input, where).toEqual(json.trim() === "" ? {} : JSON.parse(json));
          else expect(block.input, where).toBe(json);
        }
      });
    });
  });

  it("anthropic-refusal: finishReason is refusal, the content is empty and stop_details are kept", async () => {
    const recorded = readRecording("anthropic-refusal.chunks.txt");
    const expected = expectedFrom(recorded);
    expect(expected.rawFinishReason).toBe("refusal");

    const response = await replay("anthropic-refusal.chunks.txt", "as-recorded").response();
    expect(response.finishReason).toBe("refusal");
    expect(response.rawFinishReason).toBe("refusal");
    expect(response.content).toBe("");
    expect(response.contentBlocks).toEqual([]);
    const stopDetails = recorded.find((event) => event.type === "message_delta")?.delta as
      | { stop_details?: unknown }
      | undefined;
    expect(stopDetails?.stop_details).toBeDefined();
    expect(response.anthropicMessage.stop_details).toEqual(stopDetails?.stop_details);
  });

  it("anthropic-fallback: the model is the fallback block's target, and the later input count wins", async () => {
    const recorded = readRecording("anthropic-fallback.chunks.txt");
    const startEvent = recorded.find((event) => event.type === "message_start");
    const deltaEvent = recorded.find((event) => event.type === "message_delta");
    const answeredBy = fallbackBlockOf(recorded);
    expect(answeredBy).toBeDefined();
    expect(answeredBy).not.toBe(startEvent?.message?.model);
    const revisedInput = deltaEvent?.usage?.input_tokens;
    expect(revisedInput).not.toBe(startEvent?.message?.usage.input_tokens);

    const response = await replay("anthropic-fallback.chunks.txt", "as-recorded").response();
    expect(response.model).toBe(answeredBy);
    expect(response.fallback).toEqual({ from: startEvent?.message?.model, to: answeredBy });
    expect(response.usage?.inputTokens).toBe(revisedInput);
    expect(response.contentBlocks[0]?.type).toBe("fallback");
    // The raw usage keeps what message_delta sent beyond the neutral counts (its per-model iterations).
    const rawDeltaUsage = deltaEvent?.usage as Record<string, unknown> | undefined;
    expect(rawDeltaUsage?.iterations).toBeDefined();
    expect(response.anthropicMessage.usage).toMatchObject(rawDeltaUsage ?? {});
  });

  it("anthropic-message-delta-input-tokens: the input tokens are message_delta's revised count", async () => {
    const recorded = readRecording("anthropic-message-delta-input-tokens.chunks.txt");
    const startInput = recorded.find((event) => event.type === "message_start")?.message?.usage.input_tokens;
    const revisedInput = recorded.find((event) => event.type === "message_delta")?.usage?.input_tokens;
    expect(revisedInput).toBeDefined();
    expect(revisedInput).not.toBe(startInput);

    const { chunks, stream } = await collect("anthropic-message-delta-input-tokens.chunks.txt", "as-recorded");
    expect(chunks.find((chunk) => chunk.type === "message_start")?.usage?.inputTokens).toBe(startInput);
    const response = await stream.response();
    expect(response.usage?.inputTokens).toBe(revisedInput);
    expect(response.usage?.totalTokens).toBe((revisedInput ?? 0) + (response.usage?.outputTokens ?? 0));
  });

  it("anthropic-clear-thinking: thinking arrives on chunk.thinking and response().thinking, never in the text", async () => {
    const expected = expectedFrom(readRecording("anthropic-clear-thinking.1.chunks.txt"));
    expect(expected.thinking).not.toBe("");
    expect(expected.text).not.toBe("");

    const stream = replay("anthropic-clear-thinking.1.chunks.txt", "as-recorded");
    const text = await stream.text();
    expect(text).toBe(expected.text);
    expect(text).not.toContain(expected.thinking.slice(0, 20));
    const response = await stream.response();
    expect(response.thinking).toBe(expected.thinking);
    const thinkingBlock = response.contentBlocks.find((block) => block.type === "thinking");
    expect(thinkingBlock).toEqual(expected.blocks.find((block) => block.type === "thinking"));
  });

  it("incomplete_partial_json_response: the cut-off tool input stays the raw text that arrived", async () => {
    const expected = expectedFrom(readRecording("incomplete_partial_json_response.sse"));
    const [[index, json] = [-1, ""]] = [...expected.toolInputJson];
    expect(parseOr(json, undefined)).toBeUndefined();

    const response = await replay("incomplete_partial_json_response.sse", "as-recorded").response();
    expect(response.finishReason).toBe("length");
    const block = response.contentBlocks[index];
    expect(block?.type).toBe("tool_use");
    expect(block?.type === "tool_use" ? block.input : undefined).toBe(json);
  });
});
