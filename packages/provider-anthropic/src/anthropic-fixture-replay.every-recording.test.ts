/**
 * Replays every recorded Anthropic Messages stream (shared/fixtures/anthropic-messages) from a
 * loopback server, through the real `@anthropic-ai/sdk`, and checks what `stream()` exposes
 * against values computed here from the parsed recording itself.
 *
 * Each recording is replayed as the server would send it (`*.chunks.txt` as events, `*.sse`
 * byte for byte), and once more as SSE text cut at random byte offsets, so that events split
 * across network reads (even inside a multi-byte character) are covered too.
 */
import { describe, expect, it } from "vitest";
import {
  deltaText,
  expectedFrom,
  fixtureFiles,
  fixturesDir,
  neutralFinishReason,
  neutralUsage,
  parseOr,
  type RawEvent,
  type RawUsage,
  readRecording,
} from "./anthropic-recordings.test-support.js";
import { REPLAY_MODES, SPLIT_SEED, useReplayServer } from "./anthropic-replay.test-support.js";

describe.skipIf(fixturesDir === undefined)("recorded Anthropic streams replayed through stream()", () => {
  const { collect } = useReplayServer();

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
          expect(chunk.reasoning, where).toBe(deltaText(raw, "thinking_delta"));
          expect(chunk.thinking, where).toBe(chunk.reasoning);
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
        expect(response.reasoning, where).toBe(expected.thinking);
        expect(response.thinking, where).toBe(expected.thinking);
        expect(response.rawFinishReason, where).toBe(expected.rawFinishReason);
        expect(response.finishReason, where).toBe(neutralFinishReason(expected.rawFinishReason));
        expect(response.stopSequence, where).toBe(expected.stopSequence);
        expect(response.usage, where).toEqual(neutralUsage(expected.rawUsage as RawUsage));
        expect(response.id, where).toBe(expected.id);
        expect(response.model, where).toBe(expected.model);
        expect(response.fallback, where).toEqual(expected.fallback);
        // The signed thinking blocks ride on the message, in order, for the next request to send back.
        const reasoning = expected.blocks.flatMap(
          (block): Array<Record<string, unknown>> =>
            block.type === "thinking"
              ? [{ provider: "anthropic", text: block.thinking, signature: block.signature }]
              : block.type === "redacted_thinking"
                ? [{ provider: "anthropic", text: "", redactedData: block.data }]
                : [],
        );
        expect(response.message, where).toEqual(
          reasoning.length === 0
            ? { role: "assistant", content: expected.text }
            : { role: "assistant", content: expected.text, reasoning },
        );

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
});
