/**
 * The recorded Anthropic Messages streams (shared/fixtures/anthropic-messages) that the replay
 * tests (anthropic-fixture-replay.*.test.ts) send, read as events, and the values a user should see,
 * computed here from the parsed recording itself. Only those tests import this module.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FinishReason, Usage } from "@promptstream/core";
import {
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  listFixtureFiles,
  readAnthropicFixture,
} from "@promptstream/testing";

export const FIXTURE_FOLDER = "anthropic-messages";
export const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

/** Every recording in the folder, so that a recording added later is replayed too. */
export const fixtureFiles = listFixtureFiles(FIXTURE_FOLDER, [".chunks.txt", ".sse"]);

export interface RawUsage {
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

export interface RawEvent {
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

export function fixturesRoot(): string {
  if (fixturesDir === undefined) throw new Error(FIXTURES_MISSING_REASON);
  return fixturesDir;
}

/** A recording as SSE text: `*.sse` as it is, `*.chunks.txt` framed as the fixtures' README says. */
export function sseTextOf(file: string): string {
  if (file.endsWith(".sse"))
    return readAnthropicFixture(fixturesRoot(), `${FIXTURE_FOLDER}/${file}` as `${string}.sse`);
  const lines = readFileSync(join(fixturesRoot(), FIXTURE_FOLDER, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  return lines.map((line) => `event: ${(JSON.parse(line) as RawEvent).type}\ndata: ${line}\n\n`).join("");
}

/** The event payloads of a recording, in order, `ping`s included. */
export function readRecording(file: string): RawEvent[] {
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

export function deltaText(event: RawEvent, type: "text_delta" | "thinking_delta"): string {
  if (event.type !== "content_block_delta" || event.delta?.type !== type) return "";
  return (type === "text_delta" ? event.delta.text : event.delta.thinking) ?? "";
}

export function neutralFinishReason(raw: string | undefined): FinishReason | undefined {
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
export function neutralUsage(usage: RawUsage): Usage {
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
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? undefined,
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

export function expectedFrom(events: readonly RawEvent[]): Expected {
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

export function parseOr(json: string, otherwise: unknown): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return otherwise;
  }
}
