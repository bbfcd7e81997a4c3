import { ApiError } from "@google/genai";
import { afterEach, describe, expect, it } from "vitest";
import { trackServers } from "../assertions.js";
import { FIXTURES_MISSING_REASON, findFixturesDir, readAnthropicFixture } from "../fixtures.js";
import {
  createGeminiTextChunks,
  createGeminiToolCallChunks,
  geminiErrorBody,
  wholeGeminiResponse,
} from "../google-gemini-chunks.js";
import { geminiClient, geminiTextOf, readGeminiStream } from "../google-gemini-sdk.test-support.js";
import { type GoogleGeminiScript, startGoogleGeminiServer } from "./google-gemini-server.js";

const fixturesDir = findFixturesDir();
if (fixturesDir === undefined) console.warn(FIXTURES_MISSING_REASON);

const serve = trackServers(afterEach, (script: GoogleGeminiScript) => startGoogleGeminiServer(() => script));

/** Streams through the real SDK, expecting it to end well. */
async function streamChunks(server: { readonly baseURL: string }, model?: string) {
  const { chunks, error } = await readGeminiStream(server.baseURL, model);
  if (error !== undefined) throw error;
  return chunks;
}

describe("startGoogleGeminiServer through @google/genai's models.generateContentStream", () => {
  it("streams text: one chunk per word, then the final chunk with STOP, the usage, the model and the response id", async () => {
    const text = "Apples keep well in a cool cellar.";
    const server = await serve({
      events: createGeminiTextChunks(text, {
        id: "resp_apples",
        model: "gemini-2.5-pro",
        usage: { promptTokenCount: 9, cachedContentTokenCount: 4 },
      }),
    });
    const chunks = await streamChunks(server);
    expect(chunks).toHaveLength(8);
    expect(geminiTextOf(chunks)).toBe(text);
    expect(chunks.map((chunk) => chunk.text ?? "").join("")).toBe(text);
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates?.[0]?.finishReason === undefined)).toBe(true);
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(last?.usageMetadata).toEqual({
      promptTokenCount: 9,
      candidatesTokenCount: 7,
      totalTokenCount: 16,
      cachedContentTokenCount: 4,
    });
    expect(last).toMatchObject({ modelVersion: "gemini-2.5-pro", responseId: "resp_apples" });
    // The running counts on the chunks before, as Gemini sends them.
    expect(chunks[2]?.usageMetadata).toMatchObject({ promptTokenCount: 9, candidatesTokenCount: 3 });
  });

  it("records each request: the model in the path, alt=sse, the key in x-goog-api-key, the contents", async () => {
    const server = await serve({ events: createGeminiTextChunks("Yes.") });
    await streamChunks(server, "gemini-2.5-flash-lite");
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent?alt=sse",
    });
    expect(request?.headers["x-goog-api-key"]).toBe("gemini-test-key");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toMatchObject({ contents: [{ role: "user", parts: [{ text: "Hi" }] }] });
    expect(await request?.outcome).toBe("finished");
  });

  it("streams thoughts first, as thought parts the text getter leaves out, counted in thoughtsTokenCount", async () => {
    const server = await serve({ events: createGeminiTextChunks("42.", { thoughts: "Adding up." }) });
    const chunks = await streamChunks(server);
    const thoughts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).filter((p) => p.thought);
    expect(thoughts.map((part) => part.text).join("")).toBe("Adding up.");
    expect(geminiTextOf(chunks)).toBe("42.");
    expect(chunks.at(-1)?.usageMetadata).toMatchObject({ candidatesTokenCount: 1, thoughtsTokenCount: 2 });
  });

  it("streams function calls whole, one chunk each, with their ids, args and signature", async () => {
    const server = await serve({
      events: createGeminiToolCallChunks([
        "Let me look.",
        { id: "call_paris", name: "get_weather", args: { city: "Paris" }, thoughtSignature: "c2ln" },
        { name: "get_time" },
      ]),
    });
    const chunks = await streamChunks(server);
    expect(geminiTextOf(chunks)).toBe("Let me look.");
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { id: "call_paris", name: "get_weather", args: { city: "Paris" } },
      { name: "get_time" },
    ]);
    const callPart = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []).find((p) => p.functionCall);
    expect(callPart?.thoughtSignature).toBe("c2ln");
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("streams thoughts where the script puts them, signed on their last piece, and signs the text on the final part", async () => {
    const server = await serve({
      events: createGeminiToolCallChunks(
        [
          { thought: "Paris first.", thoughtSignature: "dGhvdWdodA==" },
          { id: "call_paris", name: "get_weather", args: { city: "Paris" }, thoughtSignature: "Y2FsbA==" },
          { thought: "Then Rome." },
          "Done.",
        ],
        { textSignature: "dGV4dA==" },
      ),
    });
    const chunks = await streamChunks(server);
    const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
    expect(parts).toEqual([
      { thought: true, text: "Paris" },
      { thought: true, text: " first.", thoughtSignature: "dGhvdWdodA==" },
      {
        functionCall: { id: "call_paris", name: "get_weather", args: { city: "Paris" } },
        thoughtSignature: "Y2FsbA==",
      },
      { thought: true, text: "Then" },
      { thought: true, text: " Rome." },
      { text: "Done." },
      { text: "", thoughtSignature: "dGV4dA==" },
    ]);
    // Thought pieces counted as thoughts, wherever they stand.
    expect(chunks.at(-1)?.usageMetadata).toMatchObject({ candidatesTokenCount: 2, thoughtsTokenCount: 4 });
    expect(chunks[3]?.usageMetadata).toMatchObject({ candidatesTokenCount: 1, thoughtsTokenCount: 3 });
  });

  it("ends an answer cut short with MAX_TOKENS; finishReason null leaves the final chunk out", async () => {
    const long = await serve({ events: createGeminiTextChunks("Once upon a", { finishReason: "MAX_TOKENS" }) });
    expect((await streamChunks(long)).at(-1)?.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
    const endless = await serve({ events: createGeminiTextChunks("No end in sight", { finishReason: null }) });
    const chunks = await streamChunks(endless);
    expect(geminiTextOf(chunks)).toBe("No end in sight");
    expect(chunks.some((chunk) => chunk.candidates?.[0]?.finishReason !== undefined)).toBe(false);
  });

  it("makes the SDK throw an ApiError with status 429 and the RetryInfo, from Google's error body", async () => {
    const server = await serve({ status: 429, json: geminiErrorBody(429, "Quota exceeded.", "12s") });
    const { chunks, error } = await readGeminiStream(server.baseURL);
    expect(chunks).toEqual([]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429 });
    const body = JSON.parse((error as ApiError).message) as unknown;
    expect(body).toEqual({
      error: {
        code: 429,
        message: "Quota exceeded.",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" }],
      },
    });
    expect(server.requests).toHaveLength(1);
  });

  it("makes the SDK's stream throw an ApiError on an error chunk mid-stream, after the text before it", async () => {
    const sent = createGeminiTextChunks("Half an answer", { finishReason: null }).slice(0, 2);
    const server = await serve({ events: [...sent, geminiErrorBody(500, "Internal error encountered.")] });
    const { chunks, error } = await readGeminiStream(server.baseURL);
    expect(geminiTextOf(chunks)).toBe("Half an");
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500 });
    expect((error as ApiError).message).toContain("got status: INTERNAL.");
    expect((error as ApiError).message).toContain("Internal error encountered.");
  });

  it("makes the SDK's stream fail on a connection reset, after the chunks before it", async () => {
    const server = await serve({
      events: createGeminiTextChunks("Cut off here", { finishReason: null }).slice(0, 2),
      endDelayMs: 50,
      resetAtEnd: true,
    });
    const { chunks, error } = await readGeminiStream(server.baseURL);
    expect(geminiTextOf(chunks)).toBe("Cut off");
    expect(error).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("makes the SDK fail on a chunk whose JSON is cut off", async () => {
    const sent = createGeminiTextChunks("Broken", { finishReason: null });
    const server = await serve({ events: [...sent, 'data: {"candidates":[{"content":{"parts":[{"text":"oo\r\n\r\n'] });
    const { chunks, error } = await readGeminiStream(server.baseURL);
    expect(geminiTextOf(chunks)).toBe("Broken");
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it("answers a non-streamed generateContent with a JSON body", async () => {
    const server = await serve({ json: { candidates: [{ content: { role: "model", parts: [{ text: "Whole." }] } }] } });
    const response = await geminiClient(server.baseURL).models.generateContent({ model: "m", contents: "Hi" });
    expect(response.text).toBe("Whole.");
    expect(server.requests[0]?.path).toBe("/v1beta/models/m:generateContent");
  });

  it("answers generateContent with wholeGeminiResponse: text runs joined, a signed part closing its run with its signature", async () => {
    const chunks = createGeminiToolCallChunks(
      [{ thought: "Short one.", thoughtSignature: "dGhvdWdodA==" }, { thought: "Again." }, "All good."],
      { textSignature: "dGV4dA==" },
    );
    const server = await serve({ json: wholeGeminiResponse(chunks) });
    const response = await geminiClient(server.baseURL).models.generateContent({ model: "m", contents: "Hi" });
    expect(response.candidates?.[0]?.content?.parts).toEqual([
      { thought: true, text: "Short one.", thoughtSignature: "dGhvdWdodA==" },
      { thought: true, text: "Again." },
      { text: "All good.", thoughtSignature: "dGV4dA==" },
    ]);
  });
});

describe.skipIf(fixturesDir === undefined)("recorded Gemini streams replayed through @google/genai", () => {
  const dir = fixturesDir ?? "";

  it("google-text: the text in two chunks, then the final chunk with a signature, STOP and the thought tokens", async () => {
    const recorded = readAnthropicFixture(dir, "google-gemini/google-text.chunks.txt");
    const server = await serve({ events: recorded });
    const chunks = await streamChunks(server);
    expect(chunks).toHaveLength(recorded.length);
    expect(geminiTextOf(chunks)).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe("STOP");
    expect(last?.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it("google-tool-call: a whole functionCall with its thoughtSignature, then STOP", async () => {
    const recorded = readAnthropicFixture(dir, "google-gemini/google-tool-call.chunks.txt");
    const chunks = await streamChunks(await serve({ events: recorded }));
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { name: "weather", args: { location: "San Francisco" } },
    ]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });
});
