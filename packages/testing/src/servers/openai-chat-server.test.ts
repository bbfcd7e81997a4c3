import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterEach, describe, expect, it } from "vitest";
import { trackServers } from "../assertions.js";
import { createOpenAITextChunks, createOpenAIToolCallChunks } from "../openai-chunks.js";
import { type OpenAIChatScript, startOpenAIChatServer } from "./openai-chat-server.js";

const serve = trackServers(afterEach, (script: OpenAIChatScript) => startOpenAIChatServer(() => script));

/** Streams `chat.completions.create` through the real `openai` SDK. */
async function streamChunks(baseURL: string): Promise<ChatCompletionChunk[]> {
  const client = new OpenAI({ apiKey: "sk-test", baseURL, maxRetries: 0, logLevel: "off" });
  const stream = await client.chat.completions.create({
    model: "grok-3-mini",
    messages: [{ role: "user", content: "Hi" }],
    stream: true,
  });
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

type ReasoningDelta = ChatCompletionChunk.Choice.Delta & { reasoning_content?: string; reasoning?: string };
const deltaOf = (chunk: ChatCompletionChunk) => chunk.choices[0]?.delta as ReasoningDelta | undefined;

describe("startOpenAIChatServer through the openai SDK's chat.completions.create", () => {
  it("streams reasoning_content deltas before the content, and usage with reasoning and cached tokens", async () => {
    const server = await serve({
      chunks: createOpenAITextChunks("It is 42.", {
        reasoning: "The user asks a sum.",
        usage: { prompt_tokens: 9, completion_tokens: 3, reasoning_tokens: 5, cached_tokens: 4 },
      }),
    });
    const chunks = await streamChunks(server.baseURL);
    const reasoning = chunks.map((chunk) => deltaOf(chunk)?.reasoning_content ?? "");
    const content = chunks.map((chunk) => deltaOf(chunk)?.content ?? "");
    expect(reasoning.join("")).toBe("The user asks a sum.");
    expect(content.join("")).toBe("It is 42.");
    // Every reasoning delta comes before the first content delta.
    const lastReasoning = reasoning.length - 1 - [...reasoning].reverse().findIndex((piece) => piece !== "");
    expect(lastReasoning).toBeLessThan(content.findIndex((piece) => piece !== ""));
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 9,
      completion_tokens: 3,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 5 },
    });
  });

  it("sends the reasoning as delta.reasoning when asked, and before tool calls", async () => {
    const server = await serve({
      chunks: createOpenAIToolCallChunks([{ id: "call_1", name: "add", arguments: '{"a":1}' }], {
        reasoning: "Use the tool.",
        reasoningField: "reasoning",
      }),
    });
    const chunks = await streamChunks(server.baseURL);
    expect(chunks.map((chunk) => deltaOf(chunk)?.reasoning ?? "").join("")).toBe("Use the tool.");
    expect(chunks.some((chunk) => deltaOf(chunk)?.reasoning_content !== undefined)).toBe(false);
    const firstCall = chunks.findIndex((chunk) => deltaOf(chunk)?.tool_calls !== undefined);
    const reasoningAt = chunks.flatMap((chunk, index) => ((deltaOf(chunk)?.reasoning ?? "") === "" ? [] : [index]));
    expect(reasoningAt.length).toBeGreaterThan(0);
    expect(Math.max(...reasoningAt)).toBeLessThan(firstCall);
  });
});
