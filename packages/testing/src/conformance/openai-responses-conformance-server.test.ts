import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { trackServers } from "../assertions.js";
import { lastEvent, readResponsesStream, sdkClient, textOf } from "../openai-responses-sdk.test-support.js";
import { openAIResponsesConformanceServer } from "./openai-responses-conformance-server.js";

const serve = trackServers(afterEach, openAIResponsesConformanceServer);
const PIECES = ["Pears", " are", " sweet", " in", " autumn."];
const USAGE = { input: 15, output: PIECES.length };

describe("openAIResponsesConformanceServer through the openai SDK", () => {
  it("hands out the client the openai SDK takes, and records the requests", async () => {
    const server = await serve();
    expect(server.client).toEqual({
      baseURL: expect.stringMatching(/\/v1$/),
      apiKey: expect.any(String),
      maxRetries: 0,
    });
    server.script({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE });
    const client = new OpenAI(server.client);
    for await (const _ of await client.responses.create({ model: "gpt-4.1-mini", input: "pears?", stream: true })) {
      // read to the end
    }
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({ model: "gpt-4.1-mini", input: "pears?", stream: true });
  });

  it("streams a text script: its pieces, id, model and usage, ending with response.completed", async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE, id: "resp_x", model: "gpt-5" });
    const { events, error } = await readResponsesStream(server.client.baseURL);
    expect(error).toBeUndefined();
    expect(events.flatMap((event) => (event.type === "response.output_text.delta" ? [event.delta] : []))).toEqual(
      PIECES,
    );
    const completed = lastEvent(events, "response.completed");
    expect(completed.response).toMatchObject({ id: "resp_x", model: "gpt-5", status: "completed" });
    expect(completed.response.usage).toMatchObject({ input_tokens: 15, output_tokens: 5, total_tokens: 20 });
    expect(events[0]).toMatchObject({ type: "response.created", response: { id: "resp_x", model: "gpt-5" } });
  });

  it("ends finishReason length with response.incomplete, reason max_output_tokens, streamed or not", async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: PIECES, finishReason: "length", usage: USAGE, inOneWrite: true });
    const { events } = await readResponsesStream(server.client.baseURL);
    expect(textOf(events)).toBe(PIECES.join(""));
    const incomplete = lastEvent(events, "response.incomplete");
    expect(incomplete.response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    const whole = await sdkClient(server.client.baseURL).responses.create({ model: "m", input: "Hi" });
    expect(whole).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    expect(whole.output_text).toBe(PIECES.join(""));
    expect(whole.usage).toMatchObject({ input_tokens: 15, output_tokens: 5 });
  });

  it("streams tool calls, and cuts the last call's arguments with a reset", async () => {
    const server = await serve();
    const calls = [
      { id: "call_1", name: "get_weather", argsText: '{"city":"Paris"}' },
      { id: "call_2", name: "get_weather", argsText: '{"city":"Rome"}', argsPieces: ['{"city"', ':"Ro', 'me"}'] },
    ];
    server.script({ kind: "tool-calls", parts: ["Looking.", ...calls], usage: USAGE });
    const { events } = await readResponsesStream(server.client.baseURL);
    const completed = lastEvent(events, "response.completed");
    expect(completed.response.output).toMatchObject([
      { type: "message" },
      { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "function_call", call_id: "call_2", arguments: '{"city":"Rome"}' },
    ]);
    const ofSecond = events.flatMap((event) =>
      event.type === "response.function_call_arguments.delta" && event.output_index === 2 ? [event.delta] : [],
    );
    expect(ofSecond).toEqual(['{"city"', ':"Ro', 'me"}']);

    server.script({ kind: "tool-calls", parts: calls, usage: USAGE, cutInLastCall: true });
    const cut = await readResponsesStream(server.client.baseURL);
    expect(cut.error).toBeInstanceOf(Error);
    const fragments = cut.events.flatMap((event) =>
      event.type === "response.function_call_arguments.delta" && event.output_index === 1 ? [event.delta] : [],
    );
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.join("")).not.toBe('{"city":"Rome"}');
  });

  it("answers a tool-calls script without stream with the calls in the response's output", async () => {
    const server = await serve();
    server.script({ kind: "tool-calls", parts: [{ id: "call_1", name: "now", argsText: "" }], usage: USAGE });
    const whole = await sdkClient(server.client.baseURL).responses.create({ model: "m", input: "Hi" });
    expect(whole.output).toMatchObject([{ type: "function_call", call_id: "call_1", name: "now", arguments: "" }]);
  });

  it("makes cut-after observable as a reset after the pieces, with no final event", async () => {
    const server = await serve();
    server.script({ kind: "cut-after", pieces: PIECES.slice(0, 2) });
    const { events, error } = await readResponsesStream(server.client.baseURL);
    expect(textOf(events)).toBe("Pears are");
    expect(events.some((event) => event.type === "response.completed")).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });

  it("answers http-error with OpenAI's error body", async () => {
    const server = await serve();
    server.script({ kind: "http-error", status: 401, message: "Incorrect API key provided." });
    const { error } = await readResponsesStream(server.client.baseURL);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect((error as Error).message).toContain("Incorrect API key provided.");
  });
});
