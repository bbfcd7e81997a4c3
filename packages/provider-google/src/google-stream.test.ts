/**
 * The Gemini adapter's streams, through the real `@google/genai` SDK against a loopback server:
 * the request it sends, text and thinking, usage, finish reasons, a cut stream, a blocked prompt.
 */
import { InvalidRequestError, ServerError, StreamInterruptedError } from "@promptstream/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type GeminiScript,
  type GeminiServer,
  geminiChunk,
  geminiTextLines,
  startGeminiServer,
} from "./google-server.test-support.js";
import { GooglePrompt } from "./index.js";

const API_KEY = "AIzaTestKeyForTheStreamSuite000000000000";
let server: GeminiServer;
let next: GeminiScript = { lines: geminiTextLines(["Apple pie, ", "then crumble."]) };

beforeAll(async () => {
  server = await startGeminiServer(() => next);
});
afterAll(() => server.close());

function recipe(callParams: Record<string, unknown> = {}) {
  return class Recipe extends GooglePrompt({
    template: "SYSTEM: You are a chef.\nUSER: Recommend recipes that use {ingredient}",
    variables: z.object({ ingredient: z.string() }),
    client: { apiKey: API_KEY, baseURL: server.baseURL },
    callParams: { model: "gemini-2.5-flash", ...callParams },
  }) {};
}

describe("the request", () => {
  it("goes to :streamGenerateContent?alt=sse with the system instruction, roles and generation config", async () => {
    next = { lines: geminiTextLines(["Apple pie, ", "then crumble."]) };
    const Recipe = recipe({
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stop: "END",
      seed: 7,
      topK: 40,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
    });
    const before = server.requests.length;
    expect(await new Recipe({ ingredient: "apples" }).stream().text()).toBe("Apple pie, then crumble.");
    const request = server.requests[before];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(request?.headers["x-goog-api-key"]).toBe(API_KEY);
    expect(request?.body.systemInstruction).toEqual({ parts: [{ text: "You are a chef." }] });
    expect(request?.body.contents).toEqual([{ role: "user", parts: [{ text: "Recommend recipes that use apples" }] }]);
    expect(request?.body.generationConfig).toEqual({
      maxOutputTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      topK: 40,
      stopSequences: ["END"],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
    });
  });
});

describe("the answer", () => {
  it("streams text, keeps thought parts out of content, and counts thinking tokens as output", async () => {
    next = {
      lines: [
        geminiChunk([{ text: "Apples are sweet.", thought: true }]),
        geminiChunk([{ text: "Apple pie." }]),
        geminiChunk([{ text: "", thoughtSignature: "sig-1" }], {
          finishReason: "STOP",
          usageMetadata: {
            promptTokenCount: 7,
            candidatesTokenCount: 5,
            thoughtsTokenCount: 3,
            cachedContentTokenCount: 2,
            totalTokenCount: 15,
          },
        }),
      ],
    };
    const Recipe = recipe();
    const prompt = new Recipe({ ingredient: "apples" });
    const chunks = [];
    const s = prompt.stream();
    for await (const chunk of s) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.content)).toEqual(["", "Apple pie.", ""]);
    expect(chunks.map((chunk) => chunk.reasoning)).toEqual(["Apples are sweet.", "", ""]);
    expect(chunks[2]?.parts[0]?.thoughtSignature).toBe("sig-1");
    const response = await s.response();
    expect(response.content).toBe("Apple pie.");
    expect(response.reasoning).toBe("Apples are sweet.");
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe("STOP");
    expect(response.usage).toEqual({
      inputTokens: 7,
      outputTokens: 8,
      totalTokens: 15,
      cachedInputTokens: 2,
      reasoningTokens: 3,
    });
    expect(response.model).toBe("gemini-2.5-flash");
    expect(response.id).toBe("resp-test-1");
    expect(response.googleContent.parts?.length).toBe(3);
  });

  it.each([
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content_filter"],
    ["RECITATION", "content_filter"],
    ["PROHIBITED_CONTENT", "content_filter"],
    ["SPII", "content_filter"],
    ["BLOCKLIST", "content_filter"],
    ["LANGUAGE", "other"],
    ["SOMETHING_NEW", "other"],
  ])("maps finishReason %s to %s", async (raw, neutral) => {
    next = { lines: geminiTextLines(["Apple", " pie"], raw) };
    const Recipe = recipe();
    const response = await new Recipe({ ingredient: "apples" }).stream().response();
    expect(response.finishReason).toBe(neutral);
    expect(response.rawFinishReason).toBe(raw);
  });

  it("fails a prompt blocked before any output with the block reason", async () => {
    next = {
      lines: [
        JSON.stringify({
          promptFeedback: { blockReason: "PROHIBITED_CONTENT" },
          usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 },
        }),
      ],
    };
    const Recipe = recipe();
    const error = await new Recipe({ ingredient: "apples" })
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain("PROHIBITED_CONTENT");
    expect((error as InvalidRequestError).retryable).toBe(false);
  });

  it("fails a MALFORMED_FUNCTION_CALL with a ServerError", async () => {
    next = { lines: [geminiChunk([], { finishReason: "MALFORMED_FUNCTION_CALL" })] };
    const Recipe = recipe();
    const error = await new Recipe({ ingredient: "apples" })
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain("MALFORMED_FUNCTION_CALL");
  });

  it("fails a stream whose body ends before a finishReason, keeping the text", async () => {
    next = { lines: [geminiChunk([{ text: "Apple " }]), geminiChunk([{ text: "pie" }])] };
    const Recipe = recipe();
    const error = await new Recipe({ ingredient: "apples" })
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe("Apple pie");
  });
});

describe("leaving early", () => {
  it("closes the HTTP connection", async () => {
    next = { lines: [geminiChunk([{ text: "Apple " }])], hold: true };
    const Recipe = recipe();
    for await (const chunk of new Recipe({ ingredient: "apples" }).stream()) {
      expect(chunk.content).toBe("Apple ");
      break;
    }
    // Resolves only when the server saw the client hang up; the test times out otherwise.
    await server.clientHungUp;
  });
});
