import {
  createGeminiTextChunks,
  createOpenAIResponsesTextEvents,
  geminiErrorBody,
  startGoogleGeminiServer,
  startOpenAIResponsesServer,
} from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { GoogleRecipe, GoogleRecipeNoRetry, OpenAIResponsesRecipe } from "./recipe-prompts.js";
import { failureOf, RECORDING_KEY, readWholly, recordThenReplay } from "./record-then-replay.test-support.js";

describe("a cassette of the OpenAI Responses API, replayed through @promptstream/provider-openai/responses", () => {
  it("gives the same chunks, text, usage and finish reason, with no key in the file", async () => {
    const result = await recordThenReplay({
      provider: "openai",
      standIn: await startOpenAIResponsesServer(() => ({ events: createOpenAIResponsesTextEvents("Baked apples.") })),
      run: () => readWholly(new OpenAIResponsesRecipe({ ingredient: "apples" }).stream()),
    });
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({ content: "Baked apples.", finishReason: "stop" });
    expect(result.cassette).toContain('"path": "/v1/responses"');
    // One event per chunk, named as the API names them.
    expect(result.cassette).toMatch(/"event: response\.completed\\ndata: /);
    expect(result.cassette).not.toContain(RECORDING_KEY);
  });
});

describe("a cassette of the Gemini API, replayed through @promptstream/provider-google", () => {
  it("gives the same chunks, text, usage and finish reason; the model is read from the path", async () => {
    let keySent: unknown;
    const server = await startGoogleGeminiServer((request) => {
      keySent ??= request.headers["x-goog-api-key"];
      return { events: createGeminiTextChunks("Apple strudel.", { model: "gemini-2.5-flash" }) };
    });
    const result = await recordThenReplay({
      provider: "google",
      standIn: server,
      run: () => readWholly(new GoogleRecipe({ ingredient: "apples" }).stream()),
    });
    expect(keySent).toBe(RECORDING_KEY);
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({ content: "Apple strudel.", finishReason: "stop" });
    expect(result.cassette).toContain('"path": "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"');
    expect(result.cassette).toContain('"model": "gemini-2.5-flash"');
    expect(result.cassette).not.toContain(RECORDING_KEY);
  });

  it("replays a 429 with Google's RetryInfo as the same RateLimitError", async () => {
    const result = await recordThenReplay({
      provider: "google",
      standIn: await startGoogleGeminiServer(() => ({
        json: geminiErrorBody(429, "Resource has been exhausted", "7s"),
        status: 429,
      })),
      run: () =>
        new GoogleRecipeNoRetry({ ingredient: "apples" })
          .stream()
          .text()
          .then(() => undefined, failureOf),
    });
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({ name: "RateLimitError", code: "rate_limited", status: 429 });
  });
});
