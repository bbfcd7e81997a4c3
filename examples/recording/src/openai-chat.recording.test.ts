import {
  createOpenAITextChunks,
  createOpenAIToolCallChunks,
  type OpenAIChatScript,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { OpenAIRecipe, OpenAIRecipeNoRetry, OpenAIWeather } from "./recipe-prompts.js";
import { failureOf, RECORDING_KEY, readWholly, recordThenReplay } from "./record-then-replay.test-support.js";

/** A stand-in of the OpenAI API answering with `scripts` in turn. */
async function standIn(...scripts: OpenAIChatScript[]) {
  return startOpenAIChatServer(() => scripts.shift() ?? { json: { error: { message: "unscripted" } }, status: 500 });
}

const usage = { prompt_tokens: 11, completion_tokens: 6 };

describe("a cassette of the OpenAI Chat Completions API, replayed through @promptstream/provider-openai", () => {
  it("gives the same chunks, text, usage, finish reason, model and id, with no key in the file", async () => {
    const result = await recordThenReplay({
      provider: "openai",
      standIn: await standIn({
        chunks: createOpenAITextChunks("Apple pie with cinnamon.", { usage, id: "chatcmpl-1" }),
      }),
      run: () => readWholly(new OpenAIRecipe({ ingredient: "apples" }).stream()),
    });
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({
      content: "Apple pie with cinnamon.",
      // The role chunk, one per word, then the finish reason and the usage, with no text.
      contents: ["", "Apple", " pie", " with", " cinnamon.", "", ""],
      finishReason: "stop",
      usage: { inputTokens: 11, outputTokens: 6 },
      id: "chatcmpl-1",
    });
    expect(result.cassette).not.toContain(RECORDING_KEY);
    expect(result.cassette).toContain('"content": "Recommend recipes that use apples as an ingredient"');
  });

  it("replays a tool loop: the call, the tool's result sent back, the final answer", async () => {
    const result = await recordThenReplay({
      provider: "openai",
      standIn: await standIn(
        { chunks: createOpenAIToolCallChunks([{ id: "call_1", name: "get_weather", arguments: '{"city":"Rome"}' }]) },
        { chunks: createOpenAITextChunks("It is 24 degrees in Rome.") },
      ),
      run: () => readWholly(new OpenAIWeather({ city: "Rome" }).stream()),
    });
    expect(result.upstreamRequests).toBe(2);
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded.tools).toEqual([
      { kind: "tool-call", id: "call_1", name: "get_weather", args: { city: "Rome" }, result: undefined },
      {
        kind: "tool-result",
        id: "call_1",
        name: "get_weather",
        args: { city: "Rome" },
        result: { city: "Rome", temperature: 24 },
      },
    ]);
    expect(result.recorded.content).toContain("24 degrees");
  });

  it("replays a 429 as the same RateLimitError, retry-after included", async () => {
    const rateLimit = { message: "Rate limit reached for gpt-4o-mini", type: "requests", code: "rate_limit_exceeded" };
    const result = await recordThenReplay({
      provider: "openai",
      standIn: await standIn({ json: { error: rateLimit }, status: 429, headers: { "retry-after": "7" } }),
      run: () =>
        new OpenAIRecipeNoRetry({ ingredient: "apples" })
          .stream()
          .text()
          .then(() => undefined, failureOf),
    });
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({
      name: "RateLimitError",
      code: "rate_limited",
      status: 429,
      retryAfterMs: 7000,
    });
  });

  it("replays core's retry after a 429: two recorded answers, served in order", async () => {
    const result = await recordThenReplay({
      provider: "openai",
      standIn: await standIn(
        { json: { error: { message: "Rate limit" } }, status: 429, headers: { "retry-after-ms": "1" } },
        { chunks: createOpenAITextChunks("Tarte Tatin.") },
      ),
      run: () => readWholly(new OpenAIRecipe({ ingredient: "apples" }).stream()),
    });
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({ content: "Tarte Tatin.", attempts: 2 });
  });

  it("fails a changed prompt with an invalid_request error that says what differed and how to record again", async () => {
    const result = await recordThenReplay({
      provider: "openai",
      standIn: await standIn({ chunks: createOpenAITextChunks("Apple pie.") }),
      run: () => new OpenAIRecipe({ ingredient: "apples" }).stream().text(),
      runChanged: () => new OpenAIRecipe({ ingredient: "pears" }).stream().text(),
    });
    expect(result.changedFailure).toMatchObject({ code: "invalid_request", status: 400, retryable: false });
    const { message } = result.changedFailure as { message: string };
    expect(message).toContain(
      'POST /v1/chat/completions: interaction 1: body.messages[0].content recorded "Recommend recipes that use apples as an ingredient", sent "Recommend recipes that use pears as an ingredient"',
    );
    expect(message).toContain(
      "record the cassette again: PROMPTSTREAM_RECORD=1 OPENAI_API_KEY=<your key> npx vitest run",
    );
  });
});
