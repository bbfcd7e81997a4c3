/**
 * Replays the recorded OpenAI Chat Completions streams (shared/fixtures/openai-chat) from a
 * loopback server, through the real `openai` SDK, and checks what `stream()` exposes against
 * values computed here from the parsed recording itself.
 */
import type { FinishReason, Usage } from "@promptstream/core";
import {
  FIXTURES_MISSING_REASON,
  findFixturesDir,
  listFixtureFiles,
  type OpenAIChatServer,
  readChunkLines,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type OpenAICallResponseChunk, OpenAIPrompt } from "./index.js";

const FIXTURE_FOLDER = "openai-chat";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

/** Every recording in the folder, so that a recording added later is replayed too. */
const fixtureFiles = listFixtureFiles(FIXTURE_FOLDER, [".chunks.txt"]);

// ---------------------------------------------------------------------------------------------
// The recording, parsed, and the values a user should see, computed from it.
// ---------------------------------------------------------------------------------------------

interface RawToolCallFragment {
  readonly index: number;
  readonly id?: string;
  readonly type?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

interface RawDelta {
  readonly role?: string;
  readonly content?: string | null;
  readonly reasoning_content?: string | null;
  readonly tool_calls?: readonly RawToolCallFragment[];
}

interface RawChoice {
  readonly index: number;
  readonly delta: RawDelta;
  readonly finish_reason?: string | null;
}

interface RawUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number };
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number };
}

interface RawChunk {
  readonly id: string;
  readonly model: string;
  readonly created: number;
  readonly choices: readonly RawChoice[];
  readonly usage?: RawUsage | null;
  readonly system_fingerprint?: string | null;
}

/** OpenAI's documented finish reasons and their neutral names. */
const NEUTRAL_FINISH_REASON: Readonly<Record<string, FinishReason>> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  content_filter: "content_filter",
};

function fixturesRoot(): string {
  if (fixturesDir === undefined) throw new Error(FIXTURES_MISSING_REASON);
  return fixturesDir;
}

function readRecording(file: string): { lines: string[]; chunks: RawChunk[] } {
  const lines = readChunkLines(fixturesRoot(), `${FIXTURE_FOLDER}/${file}`);
  return { lines, chunks: lines.map((line) => JSON.parse(line) as RawChunk) };
}

function contentOf(chunk: RawChunk): string {
  return chunk.choices[0]?.delta.content ?? "";
}

function rawFinishReasonOf(chunk: RawChunk): string | undefined {
  return chunk.choices[0]?.finish_reason ?? undefined;
}

function neutralFinishReason(raw: string | undefined): FinishReason | undefined {
  if (raw === undefined) return undefined;
  return NEUTRAL_FINISH_REASON[raw] ?? "other";
}

/**
 * The neutral output counts the reasoning, as OpenAI's completion_tokens do; a server whose
 * total leaves its completion_tokens short (xAI counts reasoning apart) gets the rest of the
 * total as output, so that input + output = total.
 */
function neutralUsage(usage: RawUsage): Usage {
  const completionShort = usage.total_tokens !== usage.prompt_tokens + usage.completion_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: completionShort ? usage.total_tokens - usage.prompt_tokens : usage.completion_tokens,
    totalTokens: usage.total_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
  };
}

interface Expected {
  readonly text: string;
  readonly reasoning: string;
  readonly rawFinishReason: string | undefined;
  readonly rawUsage: RawUsage | undefined;
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly created: number | undefined;
  readonly systemFingerprint: string | undefined;
  readonly toolCalls:
    | Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>
    | undefined;
}

function expectedFrom(chunks: readonly RawChunk[]): Expected {
  let rawFinishReason: string | undefined;
  let rawUsage: RawUsage | undefined;
  let systemFingerprint: string | undefined;
  let toolCalls: Expected["toolCalls"];
  for (const chunk of chunks) {
    rawFinishReason = rawFinishReasonOf(chunk) ?? rawFinishReason;
    rawUsage = chunk.usage ?? rawUsage;
    systemFingerprint = chunk.system_fingerprint ?? systemFingerprint;
    for (const fragment of chunk.choices[0]?.delta.tool_calls ?? []) {
      toolCalls ??= [];
      const call = toolCalls[fragment.index] ?? { id: "", type: "function", function: { name: "", arguments: "" } };
      toolCalls[fragment.index] = call;
      if (fragment.id) call.id = fragment.id;
      if (fragment.function?.name && call.function.name === "") call.function.name = fragment.function.name;
      call.function.arguments += fragment.function?.arguments ?? "";
    }
  }
  // Azure's first chunk has an empty id and model: the response takes the first real ones.
  const first = chunks.find((chunk) => chunk.id !== "");
  return {
    text: chunks.map(contentOf).join(""),
    reasoning: chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? "").join(""),
    rawFinishReason,
    rawUsage,
    id: first?.id,
    model: chunks.find((chunk) => chunk.model !== "")?.model,
    created: first?.created,
    systemFingerprint,
    toolCalls,
  };
}

// ---------------------------------------------------------------------------------------------
// One loopback server serves every recording: the prompt names the file to replay.
// ---------------------------------------------------------------------------------------------

let server: OpenAIChatServer;

class ReplayPrompt extends OpenAIPrompt({
  template: "{fixture}",
  variables: z.object({ fixture: z.string() }),
}) {}

function replay(file: string) {
  return new ReplayPrompt({ fixture: file }).stream(undefined, {
    client: { baseURL: server.baseURL, apiKey: "test-key", maxRetries: 0 },
  });
}

async function collect(
  file: string,
): Promise<{ chunks: OpenAICallResponseChunk[]; stream: ReturnType<typeof replay> }> {
  const stream = replay(file);
  const chunks: OpenAICallResponseChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { chunks, stream };
}

describe.skipIf(fixturesDir === undefined)("recorded OpenAI streams replayed through stream()", () => {
  beforeAll(async () => {
    server = await startOpenAIChatServer((request) => {
      const body = request.body as { messages: Array<{ content: string }> };
      const file = body.messages[0]?.content ?? "";
      // The lines are sent as they were recorded: `data: <line>\n\n`, then `data: [DONE]\n\n`.
      return { chunks: readRecording(file).lines };
    });
  });
  afterAll(() => server.close());

  it("finds the recordings this suite is about", () => {
    expect(fixtureFiles).toEqual(
      expect.arrayContaining([
        "azure-model-router.1.chunks.txt",
        "openai-text.chunks.txt",
        "xai-text.chunks.txt",
        "xai-tool-call.chunks.txt",
      ]),
    );
  });

  describe.each(fixtureFiles)("%s", (file) => {
    it("yields one chunk per recorded line, each exposing the raw chunk and its shortcuts", async () => {
      const { chunks: recorded } = readRecording(file);
      const { chunks } = await collect(file);
      expect(chunks).toHaveLength(recorded.length);
      chunks.forEach((chunk, i) => {
        const raw = recorded[i] as RawChunk;
        expect(chunk.chunk).toEqual(raw);
        expect(chunk.choices).toEqual(raw.choices);
        expect(chunk.choice).toEqual(raw.choices[0]);
        expect(chunk.delta).toEqual(raw.choices[0]?.delta);
        expect(chunk.content).toBe(raw.choices[0]?.delta.content ?? "");
        expect(chunk.rawFinishReason).toBe(rawFinishReasonOf(raw));
        expect(chunk.finishReason).toBe(neutralFinishReason(rawFinishReasonOf(raw)));
        expect(chunk.usage).toEqual(raw.usage == null ? undefined : neutralUsage(raw.usage));
      });
      expect(chunks.map((chunk) => chunk.content).join("")).toBe(expectedFrom(recorded).text);
    });

    it("gives the recording's text, finish reason and usage through response() and text()", async () => {
      const { chunks: recorded } = readRecording(file);
      const expected = expectedFrom(recorded);
      expect(expected.rawFinishReason).toBeDefined();
      expect(expected.rawUsage).toBeDefined();

      const { stream } = await collect(file);
      const response = await stream.response();
      expect(response.content).toBe(expected.text);
      expect(await stream.text()).toBe(expected.text);
      expect(response.rawFinishReason).toBe(expected.rawFinishReason);
      expect(response.finishReason).toBe(neutralFinishReason(expected.rawFinishReason));
      expect(response.usage).toEqual(neutralUsage(expected.rawUsage as RawUsage));
      expect(response.model).toBe(expected.model);
      expect(response.id).toBe(expected.id);
      expect(response.message).toEqual({ role: "assistant", content: expected.text });

      const { completion } = response;
      expect(completion.id).toBe(expected.id);
      expect(completion.model).toBe(expected.model);
      expect(completion.created).toBe(expected.created);
      expect(completion.object).toBe("chat.completion");
      expect(completion.usage).toEqual(expected.rawUsage);
      expect(completion.system_fingerprint).toBe(expected.systemFingerprint);
      expect(completion.choices).toHaveLength(1);
      expect(completion.choices[0]?.finish_reason).toBe(expected.rawFinishReason);
      expect(completion.choices[0]?.message.role).toBe("assistant");
      expect(completion.choices[0]?.message.tool_calls).toEqual(expected.toolCalls);
      if (expected.text !== "") expect(completion.choices[0]?.message.content).toBe(expected.text);
    });
  });

  it('azure-model-router: the first chunk, with empty choices, has content "" and no choice', async () => {
    const { chunks: recorded } = readRecording("azure-model-router.1.chunks.txt");
    expect(recorded[0]?.choices).toEqual([]);
    const { chunks, stream } = await collect("azure-model-router.1.chunks.txt");
    const first = chunks[0] as OpenAICallResponseChunk;
    expect(first.content).toBe("");
    expect(first.choice).toBeUndefined();
    expect(first.delta).toBeUndefined();
    expect(first.choices).toEqual([]);
    expect(first.finishReason).toBeUndefined();
    expect(first.usage).toBeUndefined();
    // The empty id and model of that first chunk do not hide the real ones.
    const response = await stream.response();
    expect(response.id).not.toBe("");
    expect(response.id).toBe(recorded.find((chunk) => chunk.id !== "")?.id);
    expect(response.model).toBe(recorded.find((chunk) => chunk.model !== "")?.model);
  });

  it("xai-text: reasoning_content is exposed as chunk.reasoning and never mixed into the content", async () => {
    const { chunks: recorded } = readRecording("xai-text.chunks.txt");
    const expected = expectedFrom(recorded);
    expect(expected.reasoning).not.toBe("");
    expect(expected.text).not.toBe("");

    const { chunks, stream } = await collect("xai-text.chunks.txt");
    expect(chunks.map((chunk) => chunk.reasoning).join("")).toBe(expected.reasoning);
    chunks.forEach((chunk, i) => {
      const delta = recorded[i]?.choices[0]?.delta;
      expect(chunk.reasoning).toBe(delta?.reasoning_content ?? "");
      if (delta?.content == null) expect(chunk.content).toBe("");
    });
    const text = await stream.text();
    expect(text).toBe(expected.text);
    expect(text).not.toContain(expected.reasoning.slice(0, 40));
    const response = await stream.response();
    expect(response.reasoning).toBe(expected.reasoning);
    expect(response.content).toBe(expected.text);
    expect(response.message).toEqual({ role: "assistant", content: expected.text });
    expect(response.completion.choices[0]?.message.content).toBe(expected.text);
    // The reasoning streamed through the neutral reasoningStream too, whole and in order.
    let streamed = "";
    for await (const piece of replay("xai-text.chunks.txt").reasoningStream) streamed += piece;
    expect(streamed).toBe(expected.reasoning);
    // The recorded usage counts reasoning tokens apart from completion_tokens: the neutral output
    // counts them, as it does for OpenAI, and the total is taken as sent.
    expect(response.usage?.reasoningTokens).toBe(expected.rawUsage?.completion_tokens_details?.reasoning_tokens);
    const { inputTokens = 0, outputTokens = 0, reasoningTokens = 0 } = response.usage ?? {};
    expect(outputTokens).toBe((expected.rawUsage?.completion_tokens ?? 0) + reasoningTokens);
    expect(inputTokens + outputTokens).toBe(response.usage?.totalTokens);
    expect(response.usage?.totalTokens).toBe(expected.rawUsage?.total_tokens);
    expect(response.usage?.cachedInputTokens).toBe(expected.rawUsage?.prompt_tokens_details?.cached_tokens);
  });

  it("xai-tool-call: the tool call is assembled in response().completion and finishReason is tool_calls", async () => {
    const { chunks: recorded } = readRecording("xai-tool-call.chunks.txt");
    const expected = expectedFrom(recorded);
    expect(expected.toolCalls).toHaveLength(1);

    const { chunks, stream } = await collect("xai-tool-call.chunks.txt");
    const fragments = chunks.flatMap((chunk) => chunk.toolCalls ?? []);
    expect(fragments).toEqual(recorded.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []));

    const response = await stream.response();
    expect(response.finishReason).toBe("tool_calls");
    expect(response.rawFinishReason).toBe("tool_calls");
    expect(response.content).toBe(expected.text);
    const toolCalls = response.completion.choices[0]?.message.tool_calls;
    expect(toolCalls).toEqual(expected.toolCalls);
    const call = toolCalls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function tool call");
    const recordedCall = expected.toolCalls?.[0];
    expect(call.id).toBe(recordedCall?.id);
    expect(call.function.name).toBe(recordedCall?.function.name);
    expect(JSON.parse(call.function.arguments)).toEqual(JSON.parse(recordedCall?.function.arguments ?? "null"));
  });
});
