import { ApiError } from "@google/genai";
import { afterEach, describe, expect, it } from "vitest";
import { trackServers } from "../assertions.js";
import { geminiClient, geminiTextOf, readGeminiStream } from "../google-gemini-sdk.test-support.js";
import { googleGeminiConformanceServer } from "./google-gemini-conformance-server.js";

const serve = trackServers(afterEach, googleGeminiConformanceServer);
const PIECES = ["Pears", " are", " sweet", " in", " autumn."];
const USAGE = { input: 15, output: PIECES.length };

describe("googleGeminiConformanceServer through @google/genai", () => {
  it("hands out { apiKey, baseURL }, which the SDK takes as apiKey and httpOptions.baseUrl, and records the requests", async () => {
    const server = await serve();
    expect(server.client).toEqual({
      apiKey: expect.any(String),
      baseURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    server.script({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE });
    const { chunks, error } = await readGeminiStream(server.client.baseURL);
    expect(error).toBeUndefined();
    expect(chunks.length).toBe(PIECES.length + 1);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({ contents: [{ parts: [{ text: "Hi" }] }] });
  });

  it("streams a text script: its pieces, then STOP with the usage, the id as responseId and the model as modelVersion", async () => {
    const server = await serve();
    server.script({
      kind: "text",
      pieces: PIECES,
      finishReason: "stop",
      usage: USAGE,
      id: "resp_x",
      model: "gemini-x",
    });
    const { chunks } = await readGeminiStream(server.client.baseURL);
    expect(chunks.slice(0, -1).map((chunk) => chunk.text)).toEqual(PIECES);
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(last?.usageMetadata).toMatchObject({ promptTokenCount: 15, candidatesTokenCount: 5, totalTokenCount: 20 });
    expect(chunks.every((chunk) => chunk.responseId === "resp_x" && chunk.modelVersion === "gemini-x")).toBe(true);
  });

  it("ends finishReason length with MAX_TOKENS, streamed in one write or not streamed", async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: PIECES, finishReason: "length", usage: USAGE, inOneWrite: true });
    const { chunks } = await readGeminiStream(server.client.baseURL);
    expect(geminiTextOf(chunks)).toBe(PIECES.join(""));
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
    const whole = await geminiClient(server.client.baseURL).models.generateContent({ model: "m", contents: "Hi" });
    expect(whole.text).toBe(PIECES.join(""));
    expect(whole.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
    expect(whole.usageMetadata).toMatchObject({ promptTokenCount: 15, candidatesTokenCount: 5 });
  });

  it("streams tool calls whole, with their ids, and cuts the last call's chunk in its middle", async () => {
    const server = await serve();
    const calls = [
      { id: "call_1", name: "get_weather", argsText: '{"city":"Paris"}' },
      { id: "call_2", name: "get_time", argsText: "" },
    ];
    server.script({ kind: "tool-calls", parts: ["Looking.", ...calls], usage: USAGE });
    const { chunks } = await readGeminiStream(server.client.baseURL);
    expect(geminiTextOf(chunks)).toBe("Looking.");
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { id: "call_1", name: "get_weather", args: { city: "Paris" } },
      { id: "call_2", name: "get_time" },
    ]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");

    server.script({ kind: "tool-calls", parts: calls, usage: USAGE, cutInLastCall: true });
    const cut = await readGeminiStream(server.client.baseURL);
    expect(cut.error).toBeInstanceOf(Error);
    expect(cut.chunks.flatMap((chunk) => chunk.functionCalls ?? []).map((call) => call.id)).toEqual(["call_1"]);
  });

  it("answers a tool-calls script without stream with the calls in one candidate", async () => {
    const server = await serve();
    server.script({ kind: "tool-calls", parts: ["Now.", { id: "call_1", name: "now", argsText: "" }], usage: USAGE });
    const whole = await geminiClient(server.client.baseURL).models.generateContent({ model: "m", contents: "Hi" });
    expect(geminiTextOf([whole])).toBe("Now.");
    expect(whole.functionCalls).toEqual([{ id: "call_1", name: "now" }]);
  });

  it("makes cut-after observable as a reset after the pieces, with no finishReason", async () => {
    const server = await serve();
    server.script({ kind: "cut-after", pieces: PIECES.slice(0, 2) });
    const { chunks, error } = await readGeminiStream(server.client.baseURL);
    expect(geminiTextOf(chunks)).toBe("Pears are");
    expect(chunks.some((chunk) => chunk.candidates?.[0]?.finishReason !== undefined)).toBe(false);
    expect(error).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("answers http-error with Google's error body", async () => {
    const server = await serve();
    server.script({ kind: "http-error", status: 401, message: "API key not valid." });
    const { error } = await readGeminiStream(server.client.baseURL);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401 });
    expect(JSON.parse((error as ApiError).message)).toEqual({
      error: { code: 401, message: "API key not valid.", status: "UNAUTHENTICATED" },
    });
  });
});
