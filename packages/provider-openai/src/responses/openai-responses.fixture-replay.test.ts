/**
 * Replays the recorded Responses API streams (shared/fixtures/openai-responses) from a loopback
 * server, through the real `openai` SDK, and checks what `stream()` exposes against values
 * computed here from the parsed recording itself. Skipped, with the reason printed, when the
 * recordings are not beside the checkout.
 *
 * Decision (openai-phase): a `commentary` message and the `final_answer` message after it are
 * both the answer's content, in order, as streamed, with nothing added between them; their items
 * stay apart in `response.output`, each with its `phase`.
 */
import { defineTool } from "@promptstream/core";
import { FIXTURES_MISSING_REASON, findFixturesDir, readChunkLines } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type OpenAIResponsesChunk, OpenAIResponsesPrompt } from "./index.js";
import { useResponsesServer } from "./openai-responses.test-support.js";

const FOLDER = "openai-responses";
const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

const server = useResponsesServer();

interface RawEvent {
  readonly type: string;
  readonly delta?: string;
  readonly output_index?: number;
  readonly item?: {
    readonly type: string;
    readonly call_id?: string;
    readonly name?: string;
    readonly arguments?: string;
  };
  readonly response?: { readonly id?: string; readonly usage?: RawUsage | null; readonly output?: unknown[] };
  readonly error?: { readonly message?: string };
}

interface RawUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly total_tokens: number;
  readonly input_tokens_details?: { readonly cached_tokens?: number };
  readonly output_tokens_details?: { readonly reasoning_tokens?: number };
}

/**
 * The recording's lines. parallel-tool-call-wrapper's `response.created` and `response.completed`
 * lines lack their last `}` in the recording: the variant served here closes them, so that the
 * replay tests the tool call rather than the (tested elsewhere) failure on malformed JSON.
 */
function linesOf(file: string): string[] {
  if (fixturesDir === undefined) throw new Error(FIXTURES_MISSING_REASON);
  return readChunkLines(fixturesDir, `${FOLDER}/${file}`).map((line) => {
    try {
      JSON.parse(line);
      return line;
    } catch {
      return `${line}}`;
    }
  });
}

/** The recording split into its responses: one recording may hold several turns, each served as one response. */
function turnsOf(lines: readonly string[]): string[][] {
  const turns: string[][] = [];
  for (const line of lines) {
    if ((JSON.parse(line) as RawEvent).type === "response.created" || turns.length === 0) turns.push([]);
    turns.at(-1)?.push(line);
  }
  return turns;
}

const parse = (lines: readonly string[]): RawEvent[] => lines.map((line) => JSON.parse(line) as RawEvent);
const textOf = (events: readonly RawEvent[], type: string) =>
  events
    .filter((event) => event.type === type)
    .map((event) => event.delta ?? "")
    .join("");

interface RawReasoningItem {
  readonly id: string;
  readonly type: "reasoning";
  readonly summary: ReadonlyArray<{ readonly type: string; readonly text: string }>;
  readonly encrypted_content?: string | null;
}

/** The reasoning items of the turn's completed output. */
function reasoningItemsOf(events: readonly RawEvent[]): RawReasoningItem[] {
  const output = events.find((event) => event.type === "response.completed")?.response?.output ?? [];
  return output.filter((item): item is RawReasoningItem => (item as { type?: unknown }).type === "reasoning");
}

function usageOf(events: readonly RawEvent[]) {
  const usage = events.find((event) => event.type === "response.completed")?.response?.usage;
  if (usage == null) return undefined;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    totalTokens: usage.total_tokens,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
  };
}

/** The function calls a turn makes, from its output_item.added and argument deltas, by output_index. */
function callsOf(events: readonly RawEvent[]) {
  const calls = new Map<number, { id: string; name: string; argsText: string }>();
  for (const event of events) {
    if (event.type === "response.output_item.added" && event.item?.type === "function_call")
      calls.set(event.output_index ?? -1, { id: event.item.call_id ?? "", name: event.item.name ?? "", argsText: "" });
    if (event.type === "response.function_call_arguments.delta") {
      const call = calls.get(event.output_index ?? -1);
      if (call !== undefined) call.argsText += event.delta ?? "";
    }
  }
  return [...calls.values()];
}

class Replay extends OpenAIResponsesPrompt({ template: "Replay", maxRetries: 0 }) {}

async function replay(lines: readonly string[]) {
  server.queue({ events: lines });
  const stream = new Replay(undefined, { client: server.client }).stream();
  const chunks: OpenAIResponsesChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { chunks, response: await stream.response() };
}

describe.skipIf(fixturesDir === undefined)("replaying recorded Responses API streams", () => {
  it.each(["github-copilot-id-rotation.1.chunks.txt", "openai-phase.1.chunks.txt"])(
    "%s: the text, reasoning, finish reason and usage the recording holds",
    async (file) => {
      const lines = linesOf(file);
      const events = parse(lines);
      const { chunks, response } = await replay(lines);
      const text = textOf(events, "response.output_text.delta");
      expect(text).not.toBe("");
      expect(chunks.map((chunk) => chunk.content).join("")).toBe(text);
      expect(chunks.map((chunk) => chunk.reasoning).join("")).toBe(
        textOf(events, "response.reasoning_summary_text.delta"),
      );
      expect(response).toMatchObject({ content: text, finishReason: "stop", rawFinishReason: "completed" });
      expect(response.usage).toEqual(usageOf(events));
      expect(response.output).toEqual(events.find((event) => event.type === "response.completed")?.response?.output);
    },
  );

  it("openai-phase: the commentary's text comes before the final answer's", async () => {
    const { response } = await replay(linesOf("openai-phase.1.chunks.txt"));
    expect(response.content).toBe("Got itHere are a few **AI");
    expect(response.output.map((item) => (item as { phase?: string }).phase)).toEqual(["commentary", "final_answer"]);
  });

  it("openai-reasoning-encrypted-content: three turns of one function call each, then the answer", async () => {
    const calculator = defineTool({
      name: "calculator",
      parameters: z.object({ a: z.number(), b: z.number(), op: z.enum(["add", "multiply"]) }),
    });
    class Calculate extends OpenAIResponsesPrompt({ template: "Compute", tools: [calculator], maxRetries: 0 }) {}
    const turns = turnsOf(linesOf("openai-reasoning-encrypted-content.1.chunks.txt"));
    expect(turns).toHaveLength(4);
    const allCalls = [];
    for (const [index, turn] of turns.entries()) {
      const events = parse(turn);
      server.queue({ events: turn });
      const stream = new Calculate(undefined, { client: server.client }).stream();
      const chunks: OpenAIResponsesChunk[] = [];
      for await (const chunk of stream) if (!("kind" in chunk)) chunks.push(chunk as OpenAIResponsesChunk);
      const response = await stream.response();
      expect(chunks.map((chunk) => chunk.reasoning).join("")).toBe(
        textOf(events, "response.reasoning_summary_text.delta"),
      );
      expect(response.usage).toEqual(usageOf(events));
      const expected = callsOf(events);
      expect(response.toolCalls.map(({ id, name, argsText }) => ({ id, name, argsText }))).toEqual(expected);
      allCalls.push(...response.toolCalls.map((call) => call.args));
      expect(response.finishReason).toBe(index < 3 ? "tool_calls" : "stop");
      expect(response.content).toBe(textOf(events, "response.output_text.delta"));
    }
    expect(allCalls).toEqual([
      { a: 12, b: 7, op: "add" },
      { a: 19, b: 3, op: "multiply" },
      { a: 57, b: 10, op: "multiply" },
    ]);
  });

  it("github-copilot-id-rotation: the reasoning item, as the completed output has it, is kept on the message", async () => {
    const lines = linesOf("github-copilot-id-rotation.1.chunks.txt");
    const events = parse(lines);
    const { response } = await replay(lines);
    const items = reasoningItemsOf(events);
    expect(items).toHaveLength(1);
    // No encrypted content in this recording: the block has no redactedData, only the item's id.
    expect(response.message.reasoning).toEqual(
      items.map((item) => ({
        provider: "openai",
        text: item.summary.map((part) => part.text).join(""),
        providerData: { id: item.id, summary: item.summary.map((part) => part.text) },
      })),
    );
    expect(response.message.reasoning?.[0]?.text).toBe(textOf(events, "response.reasoning_summary_text.delta"));
  });

  it("openai-reasoning-encrypted-content: the first turn's reasoning keeps its encrypted content, sent back next turn", async () => {
    const turns = turnsOf(linesOf("openai-reasoning-encrypted-content.1.chunks.txt"));
    const first = turns[0] ?? [];
    const [item] = reasoningItemsOf(parse(first));
    expect(item?.encrypted_content).toMatch(/^gAAAA/);
    const calculator = defineTool({
      name: "calculator",
      parameters: z.object({ a: z.number(), b: z.number(), op: z.enum(["add", "multiply"]) }),
      execute: () => 19,
    });
    class Calculate extends OpenAIResponsesPrompt({ template: "Compute", tools: [calculator], maxSteps: 2 }) {}
    server.queue({ events: first }, { events: turns[1] ?? [] });
    const stream = new Calculate(undefined, { client: server.client }).stream({ store: false });
    await stream.text();
    const [step] = (await stream.response()).steps;
    expect(step?.toolCalls).toHaveLength(1);
    const input = (server.bodies().at(-1) as { input: Array<{ type?: string }> }).input;
    expect(input.map((entry) => entry.type ?? "message")).toEqual([
      "message",
      "reasoning",
      "function_call",
      "function_call_output",
    ]);
    expect(input[1]).toEqual({
      type: "reasoning",
      id: item?.id,
      summary: item?.summary,
      encrypted_content: item?.encrypted_content,
    });
  });

  it("parallel-tool-call-wrapper: the wrapper call, its two tool uses in its arguments", async () => {
    const lines = linesOf("parallel-tool-call-wrapper.1.chunks.txt");
    const { chunks, response } = await replay(lines);
    const deltas = chunks.flatMap((chunk) => chunk.toolCallDeltas ?? []);
    expect(new Set(deltas.map((delta) => delta.index))).toEqual(new Set([0]));
    expect(deltas.map((delta) => delta.argsTextDelta).join("")).toBe(callsOf(parse(lines))[0]?.argsText);
    expect(deltas[0]).toMatchObject({ id: "call_parallel", name: "parallel" });
    const args = JSON.parse(deltas.map((delta) => delta.argsTextDelta).join("")) as { tool_uses: unknown[] };
    expect(args.tool_uses).toHaveLength(2);
    expect(response).toMatchObject({ finishReason: "tool_calls", id: "resp_parallel", usage: { totalTokens: 62 } });
    // The recording's response.completed lists no output: the items come from output_item.done.
    expect(response.output).toMatchObject([{ type: "function_call", call_id: "call_parallel" }]);
  });

  it("openai-error: one typed error with OpenAI's message, after no text", async () => {
    const lines = linesOf("openai-error.1.chunks.txt");
    const message = parse(lines).find((event) => event.type === "error")?.error?.message;
    server.queue({ events: lines });
    const error = await new Replay(undefined, { client: server.client })
      .stream()
      .text()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toMatchObject({
      name: "RateLimitError",
      code: "rate_limited",
      provider: "openai",
      message: `OpenAI: ${message}`,
      partialText: "",
      retryable: false,
    });
  });
});
