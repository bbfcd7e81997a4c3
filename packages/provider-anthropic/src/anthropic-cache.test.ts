/**
 * Prompt caching: `cache` hints (a `CACHE` line in a template, `cache` on a message) become
 * `cache_control` on the last block of their message, at most four per request; the usage reports
 * the cache reads and writes. Checked on the body a loopback server received from the real SDK.
 */
import type { Message } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  createAnthropicMessage,
  createAnthropicTextEvents,
  rejectionOf,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { answer, bodyReceivedBy, clientOf, STREAMED_TEXT, type TestClient } from "./anthropic-request.test-support.js";
import { AnthropicPrompt } from "./index.js";

let server: AnthropicMessagesServer;
let client: TestClient;
beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
  client = clientOf(server);
});
afterAll(() => server.close());

const MANUAL = "You are a support agent. The manual follows: ...";

describe("cache hints in the request body", () => {
  it("sends system as text blocks when a system message has a hint, cache_control on that one, the TTL when set", async () => {
    class Support extends AnthropicPrompt({
      template: `
        SYSTEM: ${MANUAL}
        CACHE 1h
        SYSTEM: Answer in {language}.
        USER: {question}
        CACHE
      `,
      variables: z.object({ language: z.string(), question: z.string() }),
      client,
    }) {}
    const body = await bodyReceivedBy(server, () => new Support({ language: "French", question: "Reset?" }).stream());
    expect(body.system).toStrictEqual([
      { type: "text", text: MANUAL, cache_control: { type: "ephemeral", ttl: "1h" } },
      { type: "text", text: "Answer in French." },
    ]);
    expect(body.messages).toStrictEqual([
      { role: "user", content: [{ type: "text", text: "Reset?", cache_control: { type: "ephemeral" } }] },
    ]);
  });

  it("keeps system a string and user messages plain without hints", async () => {
    class Plain extends AnthropicPrompt({ template: "SYSTEM: Be brief.\nUSER: Hi", client }) {}
    const body = await bodyReceivedBy(server, () => new Plain().stream());
    expect(body.system).toBe("Be brief.");
    expect(body.messages).toStrictEqual([{ role: "user", content: "Hi" }]);
  });

  it("marks the last block of a hinted assistant or tool message, inside merged turns", async () => {
    const history: Message[] = [
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: "Checking.",
        toolCalls: [{ id: "toolu_1", name: "get_weather", args: { city: "Oslo" } }],
        cache: { ttl: "5m" },
      },
      { role: "tool", toolCallId: "toolu_1", content: "2°C", cache: {} },
      { role: "user", content: "And tomorrow?" },
    ];
    class Conversation extends AnthropicPrompt({ template: "MESSAGES: {history}", client }) {}
    const body = await bodyReceivedBy(server, () => new Conversation({ history }).stream());
    expect(body.messages).toStrictEqual([
      { role: "user", content: "Weather in Oslo?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          {
            type: "tool_use",
            id: "toolu_1",
            name: "get_weather",
            input: { city: "Oslo" },
            cache_control: { type: "ephemeral", ttl: "5m" },
          },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "2°C", cache_control: { type: "ephemeral" } },
          { type: "text", text: "And tomorrow?" },
        ],
      },
    ]);
  });

  it("refuses more than four breakpoints before sending, counting the native top-level cache_control", async () => {
    const hinted = (count: number): Message[] =>
      Array.from({ length: count }, (_, index) => ({
        role: index % 2 === 0 ? "user" : "assistant",
        content: `turn ${index}`,
        cache: {},
      }));
    class Conversation extends AnthropicPrompt({ template: "MESSAGES: {history}", client }) {}
    const before = server.requests.length;
    // Messages reach the adapter when the stream starts: the stream fails, with nothing sent.
    const tooMany = await rejectionOf(new Conversation({ history: hinted(5) }).stream().text());
    expect(tooMany).toMatchObject({
      name: "CallParamsError",
      code: "invalid_param",
      param: "cache",
      provider: "anthropic",
    });
    expect((tooMany as Error).message).toMatch(/5 cache breakpoints, and Anthropic takes at most 4/);
    const withNative = await rejectionOf(
      new Conversation({ history: hinted(4) }).call({ cache_control: { type: "ephemeral" } }),
    );
    expect((withNative as Error).message).toContain("the call params' `cache_control` counts as one");
    expect(server.requests.length).toBe(before);
  });

  it("sends four breakpoints", async () => {
    const history: Message[] = [
      { role: "system", content: "S", cache: {} },
      { role: "user", content: "a", cache: {} },
      { role: "assistant", content: "b", cache: {} },
      { role: "user", content: "c", cache: {} },
    ];
    class Conversation extends AnthropicPrompt({ template: "MESSAGES: {history}", client }) {}
    const body = await bodyReceivedBy(server, () => new Conversation({ history }).stream());
    expect(JSON.stringify(body).match(/cache_control/g)).toHaveLength(4);
  });
});

describe("cache usage", () => {
  it("reports cache reads as cachedInputTokens and cache writes as cacheCreationInputTokens, streamed and from call()", async () => {
    const usage = {
      input_tokens: 20,
      output_tokens: 8,
      cache_creation_input_tokens: 1500,
      cache_read_input_tokens: 3000,
    };
    const local = await startAnthropicMessagesServer((request) =>
      (request.body as { stream?: boolean }).stream === true
        ? { events: createAnthropicTextEvents(STREAMED_TEXT, { usage }) }
        : { json: createAnthropicMessage([STREAMED_TEXT], { usage }) },
    );
    try {
      class Ask extends AnthropicPrompt({ template: "Hi", client: clientOf(local) }) {}
      const expected = {
        inputTokens: 4520,
        outputTokens: 8,
        totalTokens: 4528,
        cachedInputTokens: 3000,
        cacheCreationInputTokens: 1500,
        reasoningTokens: undefined,
      };
      expect((await new Ask().stream().response()).usage).toEqual(expected);
      expect((await new Ask().call()).usage).toEqual(expected);
    } finally {
      await local.close();
    }
  });
});
