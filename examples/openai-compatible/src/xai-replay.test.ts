/**
 * Replays xAI's recorded grok-3-mini stream (shared/fixtures/openai-chat/xai-text.chunks.txt,
 * read from there at run time) from a loopback server, line by line as it was sent, through
 * the real `openai` SDK pointed at it with `baseURL`. Every expectation is computed from the
 * parsed recording.
 */
import type { FinishReason, Usage } from "@promptstream/core";
import { type OpenAICallResponseChunk, OpenAIPrompt } from "@promptstream/provider-openai";
import {
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  readChunkLines,
  startOpenAIChatServer,
  trackServers,
} from "@promptstream/testing";
import { afterEach, describe, expect, it } from "vitest";
import { compatibleServer } from "./compatible-servers.js";

const RECORDING = "openai-chat/xai-text.chunks.txt";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

/** The fields of a recorded chunk this test reads. */
interface RecordedChunk {
  readonly id?: string;
  readonly model?: string;
  readonly choices: ReadonlyArray<{
    readonly delta: { readonly content?: string | null; readonly reasoning_content?: string | null };
    readonly finish_reason?: string | null;
  }>;
  readonly usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
    readonly prompt_tokens_details?: { readonly cached_tokens?: number };
    readonly completion_tokens_details?: { readonly reasoning_tokens?: number };
  } | null;
}

/** OpenAI's documented finish reasons and their neutral names; any other is "other". */
const NEUTRAL_FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  content_filter: "content_filter",
};

describe.skipIf(fixturesDir === undefined)("xAI's recorded stream (reasoning_content before content), replayed", () => {
  const serve = trackServers(afterEach, startOpenAIChatServer);

  function readRecording(): { lines: string[]; chunks: RecordedChunk[] } {
    if (fixturesDir === undefined) throw new Error(FIXTURES_MISSING_REASON);
    const lines = readChunkLines(fixturesDir, RECORDING);
    return { lines, chunks: lines.map((line) => JSON.parse(line) as RecordedChunk) };
  }

  /** What the recording holds, as a user of `stream()` should see it. */
  function expectedFrom(chunks: readonly RecordedChunk[]) {
    const rawFinishReason = chunks.flatMap((chunk) => chunk.choices[0]?.finish_reason ?? []).at(-1);
    const rawUsage = chunks.flatMap((chunk) => chunk.usage ?? []).at(-1);
    const usage: Usage | undefined =
      rawUsage === undefined
        ? undefined
        : {
            inputTokens: rawUsage.prompt_tokens,
            // Output counts the reasoning, as OpenAI's completion_tokens do: xAI counts it apart,
            // which leaves completion_tokens short of the total.
            outputTokens:
              rawUsage.total_tokens === rawUsage.prompt_tokens + rawUsage.completion_tokens
                ? rawUsage.completion_tokens
                : rawUsage.total_tokens - rawUsage.prompt_tokens,
            totalTokens: rawUsage.total_tokens,
            cachedInputTokens: rawUsage.prompt_tokens_details?.cached_tokens,
            reasoningTokens: rawUsage.completion_tokens_details?.reasoning_tokens,
          };
    return {
      contents: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? ""),
      reasonings: chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? ""),
      rawFinishReason,
      finishReason: rawFinishReason === undefined ? undefined : (NEUTRAL_FINISH_REASONS[rawFinishReason] ?? "other"),
      usage,
      id: chunks.find((chunk) => chunk.id)?.id,
      model: chunks.find((chunk) => chunk.model)?.model,
    };
  }

  async function replay() {
    const { lines, chunks } = readRecording();
    // Each line is served as it was recorded, unparsed: `data: <line>`, then `data: [DONE]`.
    const server = await serve(() => ({ chunks: lines }));
    class Ask extends OpenAIPrompt({
      template: "Say a single word.",
      ...compatibleServer({ baseURL: server.baseURL, apiKey: "xai-test-key", model: "grok-3-mini" }),
    }) {}
    const stream = new Ask().stream();
    const received: OpenAICallResponseChunk[] = [];
    for await (const chunk of stream) received.push(chunk);
    return { expected: expectedFrom(chunks), received, response: await stream.response() };
  }

  it("puts every reasoning_content delta in chunk.reasoning and none in chunk.content", async () => {
    const { expected, received } = await replay();
    // The recording must hold both, or this test would prove nothing.
    expect(expected.reasonings.join("")).not.toBe("");
    expect(expected.contents.join("")).not.toBe("");

    expect(received.map((chunk) => chunk.reasoning)).toEqual(expected.reasonings);
    expect(received.map((chunk) => chunk.content)).toEqual(expected.contents);
    // The recording reasons first, then answers; the chunks keep that order.
    const firstContent = expected.contents.findIndex((text) => text !== "");
    expect(
      received
        .slice(0, firstContent)
        .map((chunk) => chunk.reasoning)
        .join(""),
    ).toBe(expected.reasonings.join(""));
    expect(
      received
        .slice(0, firstContent)
        .map((chunk) => chunk.content)
        .join(""),
    ).toBe("");
  });

  it("text, finish reason, usage (reasoning tokens included), id and model are the recording's", async () => {
    const { expected, received, response } = await replay();
    const text = expected.contents.join("");
    expect(expected.usage?.reasoningTokens).toBeTypeOf("number");

    expect(response.content).toBe(text);
    expect(response.message).toEqual({ role: "assistant", content: text });
    expect(response.finishReason).toBe(expected.finishReason);
    expect(response.rawFinishReason).toBe(expected.rawFinishReason);
    // As the server reported it: xAI counts reasoning apart from completion_tokens, and the
    // total is taken as sent, not recomputed.
    expect(response.usage).toEqual(expected.usage);
    expect(received.flatMap((chunk) => chunk.usage ?? [])).toEqual(
      expected.usage === undefined ? [] : [expected.usage],
    );
    expect(response.id).toBe(expected.id);
    expect(response.model).toBe(expected.model);
  });
});
