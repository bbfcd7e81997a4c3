import OpenAI from "openai";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { afterEach, describe, expect, it, vi } from "vitest";
import { trackServers } from "../assertions.js";
import { useLocalOpenAIWhenNoKey } from "../demo/local-openai-default.js";
import { FIXTURES_MISSING_REASON, findFixturesDir, readAnthropicFixture } from "../fixtures.js";
import {
  createOpenAIResponsesErrorEvents,
  createOpenAIResponsesTextEvents,
  createOpenAIResponsesToolCallEvents,
} from "../openai-responses-events.js";
import { lastEvent, readResponsesStream, textOf } from "../openai-responses-sdk.test-support.js";
import {
  type OpenAIResponsesScript,
  type OpenAIResponsesServer,
  startOpenAIResponsesServer,
} from "./openai-responses-server.js";

const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

const serve = trackServers(afterEach, (script: OpenAIResponsesScript) => startOpenAIResponsesServer(() => script));
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Streams a response through the real `openai` SDK, expecting it to end well. */
async function streamEvents(server: { readonly baseURL: string }, body: object = {}): Promise<ResponseStreamEvent[]> {
  const { events, error } = await readResponsesStream(server.baseURL, body);
  if (error !== undefined) throw error;
  return events;
}

function streamUntilFailure(server: OpenAIResponsesServer) {
  return readResponsesStream(server.baseURL);
}

describe("startOpenAIResponsesServer through the openai SDK's responses.create", () => {
  it("streams text: deltas join to the text, sequence numbers count up, usage comes with response.completed", async () => {
    const text = "Apples keep well in a cool cellar.";
    const server = await serve({
      events: createOpenAIResponsesTextEvents(text, {
        id: "resp_apples",
        model: "gpt-4.1-nano",
        usage: { input_tokens: 9, output_tokens: 7, cached_tokens: 2 },
      }),
    });
    const events = await streamEvents(server);
    expect(events.map((event) => event.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      ...Array.from({ length: 7 }, () => "response.output_text.delta"),
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, n) => n));
    expect(textOf(events)).toBe(text);
    const completed = lastEvent(events, "response.completed");
    expect(completed.response).toMatchObject({ id: "resp_apples", model: "gpt-4.1-nano", status: "completed" });
    expect(completed.response.output).toMatchObject([{ type: "message", content: [{ type: "output_text", text }] }]);
    expect(completed.response.usage).toEqual({
      input_tokens: 9,
      input_tokens_details: { cached_tokens: 2 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 16,
    });
  });

  it("records each request: POST /v1/responses with the body and the key", async () => {
    const server = await serve({ events: createOpenAIResponsesTextEvents("Yes.") });
    await streamEvents(server, { instructions: "Be brief." });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/responses" });
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.body).toMatchObject({
      model: "gpt-4.1-mini",
      input: "Hi",
      instructions: "Be brief.",
      stream: true,
    });
    expect(await request?.outcome).toBe("finished");
  });

  it("streams a reasoning summary before the text", async () => {
    const server = await serve({ events: createOpenAIResponsesTextEvents("42.", { reasoningSummary: "Adding up." }) });
    const events = await streamEvents(server);
    const summary = events.flatMap((event) =>
      event.type === "response.reasoning_summary_text.delta" ? [event.delta] : [],
    );
    expect(summary.join("")).toBe("Adding up.");
    expect(textOf(events)).toBe("42.");
    const completed = lastEvent(events, "response.completed");
    expect(completed.response.output.map((item) => item.type)).toEqual(["reasoning", "message"]);
    expect(completed.response.usage?.output_tokens_details.reasoning_tokens).toBe(2);
  });

  it("keeps a reasoning item's id and encrypted content on the item added, done and in the final output", async () => {
    const server = await serve({
      events: createOpenAIResponsesToolCallEvents([{ id: "call_1", name: "add", arguments: '{"a":1}' }], {
        reasoningSummary: "Adding up.",
        reasoningEncryptedContent: "gAAAA-sealed",
        reasoningId: "rs_sealed",
      }),
    });
    const events = await streamEvents(server);
    const reasoningItems = events.flatMap((event) =>
      (event.type === "response.output_item.added" || event.type === "response.output_item.done") &&
      event.item.type === "reasoning"
        ? [event.item]
        : [],
    );
    expect(reasoningItems).toEqual([
      { id: "rs_sealed", type: "reasoning", summary: [], encrypted_content: "gAAAA-sealed" },
      {
        id: "rs_sealed",
        type: "reasoning",
        summary: [{ type: "summary_text", text: "Adding up." }],
        encrypted_content: "gAAAA-sealed",
      },
    ]);
    const output = lastEvent(events, "response.completed").response.output;
    expect(output.map((item) => item.type)).toEqual(["reasoning", "function_call"]);
    expect(output[0]).toEqual(reasoningItems[1]);
  });

  it("sends encrypted reasoning without a summary as an item added then done, with no summary event", async () => {
    const server = await serve({
      events: createOpenAIResponsesTextEvents("42.", { reasoningEncryptedContent: "gAAAA-only" }),
    });
    const events = await streamEvents(server);
    expect(events.some((event) => event.type.startsWith("response.reasoning_summary"))).toBe(false);
    expect(lastEvent(events, "response.completed").response.output[0]).toEqual({
      id: "rs_loopback_0",
      type: "reasoning",
      summary: [],
      encrypted_content: "gAAAA-only",
    });
  });

  it("streams function calls: arguments in fragments, call ids and names on the items, one output_index each", async () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    const server = await serve({
      events: createOpenAIResponsesToolCallEvents([
        "Let me look.",
        { id: "call_paris", name: "get_weather", arguments: args },
        { id: "call_none", name: "get_time" },
      ]),
    });
    const events = await streamEvents(server);
    expect(textOf(events)).toBe("Let me look.");
    const added = events.flatMap((event) => (event.type === "response.output_item.added" ? [event] : []));
    expect(added.map(({ output_index, item }) => [output_index, item.type])).toEqual([
      [0, "message"],
      [1, "function_call"],
      [2, "function_call"],
    ]);
    const fragments = events.flatMap((event) =>
      event.type === "response.function_call_arguments.delta" ? [[event.output_index, event.delta] as const] : [],
    );
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.every(([index]) => index === 1)).toBe(true);
    expect(fragments.map(([, delta]) => delta).join("")).toBe(args);
    const done = events.flatMap((event) => (event.type === "response.function_call_arguments.done" ? [event] : []));
    expect(done.map((event) => event.arguments)).toEqual([args, ""]);
    const completed = lastEvent(events, "response.completed");
    expect(completed.response.status).toBe("completed");
    expect(completed.response.output.flatMap((item) => (item.type === "function_call" ? [item] : []))).toMatchObject([
      { call_id: "call_paris", name: "get_weather", arguments: args },
      { call_id: "call_none", name: "get_time", arguments: "" },
    ]);
  });

  it("ends an answer cut short by max_output_tokens with response.incomplete", async () => {
    const server = await serve({
      events: createOpenAIResponsesTextEvents("Once upon a", { incompleteReason: "max_output_tokens" }),
    });
    const events = await streamEvents(server);
    const last = lastEvent(events, "response.incomplete");
    expect(last.response.status).toBe("incomplete");
    expect(last.response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(textOf(events)).toBe("Once upon a");
  });

  it("makes the SDK's stream throw on an error event, with its message, after the text before it", async () => {
    const events = createOpenAIResponsesTextEvents("Half an answer");
    const sent = events.slice(0, 6);
    const server = await serve({
      events: [...sent, ...createOpenAIResponsesErrorEvents("The server had an error.", { sequenceNumber: 6 })],
    });
    const { events: received, error } = await streamUntilFailure(server);
    expect(textOf(received)).toBe("Half an");
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain("The server had an error.");
    expect(error).toMatchObject({ status: undefined, type: "server_error", code: "server_error" });
  });

  it("lets a stream without response.completed end quietly: the missing final event is the reader's to notice", async () => {
    const server = await serve({ events: createOpenAIResponsesTextEvents("No end in sight").slice(0, -1) });
    const events = await streamEvents(server);
    expect(textOf(events)).toBe("No end in sight");
    expect(events.some((event) => event.type === "response.completed")).toBe(false);
  });

  it("makes the SDK's stream fail on a connection reset, after the events before it", async () => {
    const server = await serve({
      events: createOpenAIResponsesTextEvents("Cut off here").slice(0, 6),
      endDelayMs: 50,
      resetAtEnd: true,
    });
    const { events, error } = await streamUntilFailure(server);
    // Four events before the text, then two of its three deltas.
    expect(textOf(events)).toBe("Cut off");
    expect(error).toBeInstanceOf(Error);
  });

  it("answers with OpenAI's error body and status", async () => {
    const server = await serve({
      status: 429,
      headers: { "retry-after-ms": "20" },
      json: { error: { message: "Rate limit reached.", type: "requests", param: null, code: "rate_limit_exceeded" } },
    });
    const { error } = await streamUntilFailure(server);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
  });
});

describe.skipIf(fixturesDir === undefined)("recorded Responses streams replayed through the openai SDK", () => {
  const dir = fixturesDir ?? "";

  it("github-copilot-id-rotation: a reasoning summary, then the text deltas, whatever their item ids", async () => {
    const recorded = readAnthropicFixture(dir, "openai-responses/github-copilot-id-rotation.1.chunks.txt");
    const server = await serve({ events: recorded });
    const events = await streamEvents(server);
    expect(events).toEqual(recorded);
    const completed = lastEvent(events, "response.completed");
    const message = completed.response.output.find((item) => item.type === "message");
    const texts =
      message?.type === "message" ? message.content.map((part) => (part.type === "output_text" ? part.text : "")) : [];
    expect(textOf(events)).toBe(texts.join(""));
    expect(textOf(events).length).toBeGreaterThan(50);
    expect(completed.response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it("openai-error: the SDK throws the recorded error's message", async () => {
    const server = await serve({ events: readAnthropicFixture(dir, "openai-responses/openai-error.1.chunks.txt") });
    const { events, error } = await streamUntilFailure(server);
    expect(events.map((event) => event.type)).toEqual(["response.created", "response.in_progress"]);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain("You exceeded your current quota");
  });
});

describe("useLocalOpenAIWhenNoKey, for the Responses API", () => {
  it("without a key, streams the canned answer in the Responses format to the openai SDK", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    const lines: string[] = [];
    const stop = await useLocalOpenAIWhenNoKey({ chunkDelayMs: 0, log: (line) => lines.push(line) });
    try {
      expect(lines.join("")).toContain("No OPENAI_API_KEY set");
      const client = new OpenAI({ maxRetries: 0 });
      const stream = await client.responses.create({
        model: "gpt-4.1-mini",
        input: [{ role: "user", content: "Suggest recipes that use pears as an ingredient." }],
        stream: true,
      });
      let text = "";
      let model: string | undefined;
      for await (const event of stream) {
        if (event.type === "response.output_text.delta") text += event.delta;
        if (event.type === "response.completed") model = event.response.model;
      }
      expect(text).toContain("make the most of pears");
      expect(model).toBe("gpt-4.1-mini");
    } finally {
      await stop();
    }
  });

  it("answers the demo agent's tools with function calls, then reads the function_call_output items", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const stop = await useLocalOpenAIWhenNoKey({ chunkDelayMs: 0, log: () => {} });
    try {
      const client = new OpenAI({ maxRetries: 0 });
      const tools = ["get_weather", "calculate"].map((name) => ({
        type: "function" as const,
        name,
        parameters: {},
        strict: false,
      }));
      const first = await client.responses.create({ model: "m", input: "Rome vs Paris?", tools, stream: true });
      const calls: string[] = [];
      for await (const event of first) {
        if (event.type === "response.output_item.done" && event.item.type === "function_call")
          calls.push(`${event.item.name}${event.item.arguments}`);
      }
      expect(calls).toEqual(['get_weather{"city":"Paris"}', 'get_weather{"city":"Rome"}']);
      const input = [
        { type: "function_call_output" as const, call_id: "call_weather_paris", output: '{"temperature":18}' },
        { type: "function_call_output" as const, call_id: "call_weather_rome", output: '{"temperature":24}' },
      ];
      const second = await client.responses.create({ model: "m", input, tools, stream: true });
      const next: string[] = [];
      for await (const event of second) {
        if (event.type === "response.function_call_arguments.done") next.push(event.arguments);
      }
      expect(next).toEqual(['{"expression":"24 - 18"}']);
    } finally {
      await stop();
    }
  });
});
