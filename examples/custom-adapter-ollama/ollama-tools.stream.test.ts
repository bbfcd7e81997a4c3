/**
 * Streamed tool calls through the Ollama adapter, over real HTTP: each call arrives whole, in one
 * line, and is yielded as soon as that line is read; what a reset inside a call's line leaves.
 */
import { StreamInterruptedError, type ToolCall } from "@promptstream/core";
import { type LoopbackServer, startLoopbackServer } from "@promptstream/testing";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { closeServers, getTime, getWeather, QUESTION, serve, TOOL_STOP } from "./ollama-tools.test-support.js";
import { OllamaPrompt } from "./src/index.js";
import { createOllamaLines, finalLine } from "./src/ollama-chat-server.js";
import type { OllamaChatLine, OllamaToolCall } from "./src/ollama-wire.js";

const PARIS = { id: "call_paris", function: { index: 0, name: "get_weather", arguments: { city: "Paris" } } };
// Ollama versions that name no call send no id: the adapter names it by its place, call_1.
const TOKYO = { function: { index: 1, name: "get_time", arguments: { zone: "Asia/Tokyo" } } };
const NDJSON = { "content-type": "application/x-ndjson" };

const rawServers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(rawServers.splice(0).map((server) => server.close()));
  await closeServers();
});

function agent(baseURL: string) {
  class Agent extends OllamaPrompt({ template: QUESTION, tools: [getWeather, getTime], client: { baseURL } }) {}
  return new Agent();
}

const ndjson = (line: OllamaChatLine): string => `${JSON.stringify(line)}\n`;

describe("a streamed answer with two calls", () => {
  it("yields each call, typed by its zod schema, as soon as its line arrives, before the next is sent", async () => {
    const [text, paris, tokyo] = createOllamaLines(["Let me look.", PARIS, TOKYO]).map(ndjson);
    const log: string[] = [];
    const yielded = new Map<string, () => void>();
    /** Resolves when the call was yielded; after a second otherwise, so that a late one fails instead of hanging. */
    const whenYielded = (id: string) =>
      new Promise<void>((resolve) => {
        yielded.set(id, resolve);
        setTimeout(resolve, 1_000);
      });
    async function* body(): AsyncGenerator<string> {
      for (const [name, line, after] of [
        ["text", text, undefined],
        ["paris", paris, "call_paris"],
        ["tokyo", tokyo, "call_1"],
        ["final", ndjson(finalLine("llama3.2", "", TOOL_STOP)), undefined],
      ] as const) {
        log.push(`sent:${name}`);
        yield line ?? "";
        if (after !== undefined) await whenYielded(after);
      }
    }
    const server = await startLoopbackServer(() => ({ headers: NDJSON, body: body() }));
    rawServers.push(server);

    const calls: ToolCall[] = [];
    const deltas: unknown[] = [];
    const stream = agent(server.url).stream();
    for await (const chunk of stream) {
      if (chunk.kind === undefined) {
        deltas.push(chunk.toolCallDeltas);
        continue;
      }
      if (chunk.kind !== "tool-call") continue;
      log.push(`yielded:${chunk.toolCall.id}`);
      yielded.get(chunk.toolCall.id)?.();
      calls.push(chunk.toolCall);
      if (chunk.toolCall.name === "get_weather") {
        expectTypeOf(chunk.toolCall.args).toEqualTypeOf<{ city: string; unit: "c" | "f" }>();
      }
    }
    expect(log).toEqual([
      "sent:text",
      "sent:paris",
      "yielded:call_paris",
      "sent:tokyo",
      "yielded:call_1",
      "sent:final",
    ]);
    // The schema's output: its default filled in.
    expect(calls.map(({ id, args }) => ({ id, args }))).toEqual([
      { id: "call_paris", args: { city: "Paris", unit: "c" } },
      { id: "call_1", args: { zone: "Asia/Tokyo" } },
    ]);
    // One delta per call, whole; lines without calls carry none.
    expect(deltas).toEqual([
      undefined,
      [{ index: 0, id: "call_paris", name: "get_weather", argsTextDelta: '{"city":"Paris"}', done: true }],
      [{ index: 1, id: "call_1", name: "get_time", argsTextDelta: '{"zone":"Asia/Tokyo"}', done: true }],
      undefined,
    ]);
    const response = await stream.response();
    expect(response).toMatchObject({ content: "Let me look.", finishReason: "tool_calls", rawFinishReason: "stop" });
    expect(response.toolCalls).toEqual(calls);
    expect(response.message.toolCalls?.map((call) => call.id)).toEqual(["call_paris", "call_1"]);
    expect(response.ollamaResponse.message?.tool_calls).toEqual([PARIS, TOKYO]);
    expect(response.usage).toMatchObject({ inputTokens: 40, outputTokens: 18 });
  });

  it("numbers the calls across lines, one line holding several of them", async () => {
    const clock = (zone: string): OllamaToolCall => ({ function: { name: "get_time", arguments: { zone } } });
    const both: OllamaChatLine = {
      model: "llama3.2",
      message: { role: "assistant", content: "", tool_calls: [clock("Europe/Paris"), clock("Asia/Tokyo")] },
      done: false,
    };
    const server = await serve({
      lines: [both, ...createOllamaLines([{ ...PARIS, id: "call_x" }], { ending: TOOL_STOP })],
    });
    const stream = agent(server.url).stream();
    const indexes: number[][] = [];
    for await (const chunk of stream) {
      if (chunk.kind === undefined && chunk.toolCallDeltas) indexes.push(chunk.toolCallDeltas.map((d) => d.index));
    }
    expect(indexes).toEqual([[0, 1], [2]]);
    const { toolCalls, rawToolCalls } = await stream.response();
    expect(toolCalls.map((call) => call.id)).toEqual(["call_0", "call_1", "call_x"]);
    expect(rawToolCalls?.map((call) => call.id)).toEqual(["call_0", "call_1", "call_x"]);
  });
});

describe("a reset inside the line of a call", () => {
  it("keeps the calls whose lines arrived, complete; the cut call never reached the adapter", async () => {
    const [text, paris, tokyo = ""] = createOllamaLines(["Checking.", PARIS, TOKYO]).map(ndjson);
    // Ollama sends a call whole: the nearest thing to a cut in its arguments is a reset inside its line.
    const cut = tokyo.slice(0, tokyo.indexOf("Asia"));
    const server = await startLoopbackServer(() => ({
      headers: NDJSON,
      body: [text ?? "", paris ?? "", cut],
      endDelayMs: 50,
      resetAtEnd: true,
    }));
    rawServers.push(server);
    const calls: string[] = [];
    let failure: unknown;
    try {
      for await (const chunk of agent(server.url).stream())
        if (chunk.kind === "tool-call") calls.push(chunk.toolCall.id);
    } catch (error) {
      failure = error;
    }
    expect(calls).toEqual(["call_paris"]);
    expect(failure).toBeInstanceOf(StreamInterruptedError);
    expect(failure).toMatchObject({
      code: "stream_interrupted",
      provider: "ollama",
      partialText: "Checking.",
      retryable: false,
      partialToolCalls: [{ id: "call_paris", name: "get_weather", argsText: '{"city":"Paris"}', complete: true }],
    });
  });
});
