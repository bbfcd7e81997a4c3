/**
 * Reasoning and prompt caching on Chat Completions: the neutral `reasoning` param as
 * `reasoning_effort` (and what is refused), reasoning text from OpenAI-compatible servers on the
 * chunks and the response, histories with reasoning blocks, cache hints, `prompt_cache_key`, and
 * cached-token usage; checked on the body the real `openai` SDK sent to a loopback server.
 */
import { CallParamsError, type Message } from "@promptstream/core";
import { createOpenAITextChunks, createOpenAIToolCallChunks } from "@promptstream/testing";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import { getWeather, useToolServer } from "./openai-tools.test-support.js";

const server = useToolServer();

class Ask extends OpenAIPrompt({ template: "USER: What is 6 times 7?", callParams: { model: "o4-mini" } }) {}

async function bodyOf(run: () => { text(): Promise<string> }): Promise<Record<string, unknown>> {
  server.queue({ chunks: createOpenAITextChunks("42.") });
  await run().text();
  const bodies = server.bodies();
  expect(bodies).toHaveLength(1);
  return bodies[0] as Record<string, unknown>;
}

async function refusal(run: () => { text(): Promise<string> }): Promise<unknown> {
  const error = await Promise.resolve()
    .then(() => run().text())
    .catch((caught: unknown) => caught);
  expect(server.bodies()).toEqual([]);
  return error;
}

describe("the neutral reasoning param on Chat Completions", () => {
  it("sends reasoning.effort as reasoning_effort, and nothing for includeText", async () => {
    const body = await bodyOf(() =>
      new Ask(undefined, { client: server.client }).stream({ reasoning: { effort: "high", includeText: false } }),
    );
    expect(body).toEqual({
      model: "o4-mini",
      messages: [{ role: "user", content: "What is 6 times 7?" }],
      reasoning_effort: "high",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("refuses budgetTokens before sending, and says to use an effort", async () => {
    const error = await refusal(() =>
      new Ask(undefined, { client: server.client }).stream({ reasoning: { budgetTokens: 2048 } }),
    );
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param: "reasoning.budgetTokens", provider: "openai" });
    expect((error as Error).message).toContain("reasoning: { effort:");
  });

  it("refuses budgetTokens even under unsupportedParams: 'drop': the rest of `reasoning` would be half-sent", async () => {
    const error = await refusal(() =>
      new Ask(undefined, { client: server.client, unsupportedParams: "drop" }).stream({
        reasoning: { effort: "low", budgetTokens: 2048 },
      }),
    );
    expect(error).toMatchObject({ param: "reasoning.budgetTokens" });
  });

  it("refuses `reasoning` beside the native reasoning_effort", async () => {
    const error = await refusal(() =>
      new Ask(undefined, { client: server.client }).stream({ reasoning: { effort: "low" }, reasoning_effort: "high" }),
    );
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "invalid_param", param: "reasoning", provider: "openai" });
  });

  it("still sends the native reasoning_effort alone", async () => {
    const body = await bodyOf(() => new Ask(undefined, { client: server.client }).stream({ reasoning_effort: "low" }));
    expect(body.reasoning_effort).toBe("low");
  });
});

describe("reasoning text from OpenAI-compatible servers", () => {
  it("streams reasoning_content as chunk.reasoning, never in the content; response.reasoning joins it", async () => {
    server.queue({
      chunks: createOpenAITextChunks("It is 42.", {
        reasoning: "Six sevens make forty-two.",
        usage: { prompt_tokens: 9, completion_tokens: 12, reasoning_tokens: 8 },
      }),
    });
    const stream = new Ask(undefined, { client: server.client }).stream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.reasoning).join("")).toBe("Six sevens make forty-two.");
    expect(chunks.map((chunk) => chunk.content).join("")).toBe("It is 42.");
    expect(chunks.filter((chunk) => chunk.reasoning !== "").every((chunk) => chunk.content === "")).toBe(true);
    const response = await stream.response();
    expect(response).toMatchObject({ content: "It is 42.", reasoning: "Six sevens make forty-two." });
    expect(response.usage).toMatchObject({ reasoningTokens: 8, outputTokens: 12 });
    // Nothing to send back: Chat Completions takes no reasoning in a later turn.
    expect(response.message).toEqual({ role: "assistant", content: "It is 42." });
  });

  it("reads delta.reasoning (OpenRouter, Ollama) the same way", async () => {
    server.queue({ chunks: createOpenAITextChunks("42.", { reasoning: "Multiply.", reasoningField: "reasoning" }) });
    const stream = new Ask(undefined, { client: server.client }).stream();
    expect(await stream.text()).toBe("42.");
    expect((await stream.response()).reasoning).toBe("Multiply.");
  });

  it("gives call() the reasoning_content of the whole message, and an empty reasoning without it", async () => {
    const completion = (message: object): ChatCompletion =>
      ({
        id: "chatcmpl-r",
        object: "chat.completion",
        created: 1,
        model: "grok-3-mini",
        choices: [{ index: 0, message: { role: "assistant", refusal: null, ...message }, finish_reason: "stop" }],
      }) as ChatCompletion;
    server.queue(
      { json: completion({ content: "42.", reasoning_content: "Six sevens." }) },
      { json: completion({ content: "42." }) },
    );
    const prompt = new Ask(undefined, { client: server.client });
    expect(await prompt.call()).toMatchObject({ content: "42.", reasoning: "Six sevens." });
    expect(await prompt.call()).toMatchObject({ content: "42.", reasoning: "" });
  });

  it("leaves every reasoning block out of a history sent back, and sends the calls as before", async () => {
    server.queue({ chunks: createOpenAIToolCallChunks([{ id: "call_1", name: "get_weather", arguments: "{}" }]) });
    class Chat extends OpenAIPrompt({
      template: "MESSAGES: {history}",
      variables: z.object({ history: z.array(z.any()) }),
      tools: [getWeather],
    }) {}
    const history: Message[] = [
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        reasoning: [
          { provider: "anthropic", text: "Look it up.", signature: "sig" },
          { provider: "openai", text: "Summary.", redactedData: "gAAAA", providerData: { id: "rs_1" } },
        ],
        toolCalls: [{ id: "call_0", name: "get_weather", args: { city: "Paris" } }],
      },
      { role: "tool", toolCallId: "call_0", content: "21°C" },
    ];
    await new Chat({ history }, { client: server.client }).stream().text();
    expect((server.bodies()[0] as { messages: unknown }).messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_0", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_0", content: "21°C" },
    ]);
  });
});

describe("prompt caching on Chat Completions", () => {
  it("sends nothing for CACHE lines (OpenAI caches by itself), and passes prompt_cache_key through", async () => {
    class Cached extends OpenAIPrompt({
      template: "SYSTEM: A long style guide.\nCACHE 1h\nUSER: Hi {name}\nCACHE",
      callParams: { prompt_cache_key: "style-guide-v3" },
    }) {}
    const body = await bodyOf(() => new Cached({ name: "Ada" }, { client: server.client }).stream());
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "A long style guide." },
        { role: "user", content: "Hi Ada" },
      ],
      prompt_cache_key: "style-guide-v3",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("reports prompt_tokens_details.cached_tokens as cachedInputTokens", async () => {
    server.queue({
      chunks: createOpenAITextChunks("Hi.", {
        usage: { prompt_tokens: 2048, completion_tokens: 2, cached_tokens: 1920 },
      }),
    });
    const response = await new Ask(undefined, { client: server.client }).stream().response();
    expect(response.usage).toEqual({
      inputTokens: 2048,
      outputTokens: 2,
      totalTokens: 2050,
      cachedInputTokens: 1920,
      reasoningTokens: undefined,
    });
  });
});
