import {
  type AnthropicMessagesScript,
  createAnthropicTextEvents,
  createAnthropicToolUseEvents,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { AnthropicRecipe, AnthropicRecipeNoRetry, AnthropicWeather } from "./recipe-prompts.js";
import { failureOf, RECORDING_KEY, readWholly, recordThenReplay } from "./record-then-replay.test-support.js";

/** A stand-in of the Anthropic API answering with `scripts` in turn. */
async function standIn(...scripts: AnthropicMessagesScript[]) {
  return startAnthropicMessagesServer(
    () =>
      scripts.shift() ?? { json: { type: "error", error: { type: "api_error", message: "unscripted" } }, status: 500 },
  );
}

describe("a cassette of the Anthropic Messages API, replayed through @promptstream/provider-anthropic", () => {
  it("gives the same chunks, text, usage, finish reason, model and id; the key the SDK sent is not in the file", async () => {
    const events = createAnthropicTextEvents("Apple crumble, quickly.", {
      id: "msg_1",
      usage: { input_tokens: 14, output_tokens: 5 },
    });
    let keySent: unknown;
    const server = await standIn({ events });
    const result = await recordThenReplay({
      provider: "anthropic",
      standIn: server,
      run: async () => {
        const read = await readWholly(new AnthropicRecipe({ ingredient: "apples" }).stream());
        const headers = server.requests[0]?.headers;
        keySent ??= headers?.["x-api-key"] ?? headers?.authorization;
        return read;
      },
    });
    expect(keySent).toContain(RECORDING_KEY);
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject({
      content: "Apple crumble, quickly.",
      finishReason: "stop",
      usage: { inputTokens: 14, outputTokens: 5 },
      id: "msg_1",
    });
    expect(result.recorded.contents.join("")).toBe("Apple crumble, quickly.");
    expect(result.cassette).not.toContain(RECORDING_KEY);
    expect(result.cassette).not.toMatch(/x-api-key|authorization/i);
    expect(result.cassette).toContain('"path": "/v1/messages"');
    expect(result.cassette).toContain('"model": "claude-haiku-4-5"');
  });

  it("replays a tool loop: the tool_use block, the tool_result sent back, the final answer", async () => {
    const result = await recordThenReplay({
      provider: "anthropic",
      standIn: await standIn(
        { events: createAnthropicToolUseEvents([{ id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}' }]) },
        { events: createAnthropicTextEvents("18 degrees in Paris.") },
      ),
      run: () => readWholly(new AnthropicWeather({ city: "Paris" }).stream()),
    });
    expect(result.upstreamRequests).toBe(2);
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded.tools).toEqual([
      { kind: "tool-call", id: "toolu_1", name: "get_weather", args: { city: "Paris" }, result: undefined },
      {
        kind: "tool-result",
        id: "toolu_1",
        name: "get_weather",
        args: { city: "Paris" },
        result: { city: "Paris", temperature: 18 },
      },
    ]);
    expect(result.recorded.content).toContain("18 degrees in Paris.");
  });

  it("replays a 429 and a 529 as the same typed errors", async () => {
    const error = (type: string, message: string) => ({ type: "error", error: { type, message } });
    const result = await recordThenReplay({
      provider: "anthropic",
      standIn: await standIn(
        {
          json: error("rate_limit_error", "Number of requests exceeded"),
          status: 429,
          headers: { "retry-after": "3" },
        },
        { json: error("overloaded_error", "Overloaded"), status: 529 },
      ),
      run: async () => [
        await new AnthropicRecipeNoRetry({ ingredient: "apples" })
          .stream()
          .text()
          .then(() => undefined, failureOf),
        await new AnthropicRecipeNoRetry({ ingredient: "apples" })
          .stream()
          .text()
          .then(() => undefined, failureOf),
      ],
    });
    expect(result.replayed).toEqual(result.recorded);
    expect(result.recorded).toMatchObject([
      { name: "RateLimitError", code: "rate_limited", status: 429, retryAfterMs: 3000 },
      { code: "overloaded", status: 529 },
    ]);
  });

  it("fails a changed prompt with an invalid_request error that says what differed", async () => {
    const result = await recordThenReplay({
      provider: "anthropic",
      standIn: await standIn({ events: createAnthropicTextEvents("Apple pie.") }),
      run: () => new AnthropicRecipe({ ingredient: "apples" }).stream().text(),
      runChanged: () => new AnthropicRecipe({ ingredient: "plums" }).stream().text(),
    });
    expect(result.changedFailure).toMatchObject({ code: "invalid_request", status: 400 });
    expect((result.changedFailure as { message: string }).message).toContain(
      'body.messages[0].content recorded "Recommend recipes that use apples as an ingredient", sent "Recommend recipes that use plums as an ingredient"',
    );
  });
});
