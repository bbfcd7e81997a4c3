/**
 * What the adapter sends, checked on a loopback server that records each request the real
 * `@anthropic-ai/sdk` makes: `call()` (non-streamed), and what it resolves to.
 */
import { type AnthropicMessagesServer, startAnthropicMessagesServer } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  clientOf,
  INGREDIENT,
  MESSAGE,
  type RecipeDefinition,
  recipePromptFor,
  type TestClient,
} from "./anthropic-request.test-support.js";
import { AnthropicPrompt } from "./index.js";

let server: AnthropicMessagesServer;
let client: TestClient;

beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
  client = clientOf(server);
});
afterAll(() => server.close());

const recipePrompt = (definition?: RecipeDefinition) => recipePromptFor(client, definition);

describe("call()", () => {
  it("resolves a JSON Message to the neutral response, with the raw message beside it", async () => {
    const Recipe = recipePrompt();
    const response = await new Recipe({ ingredient: INGREDIENT }).call();
    const text = MESSAGE.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
    const thinking = MESSAGE.content.flatMap((block) => (block.type === "thinking" ? [block.thinking] : [])).join("");
    const { usage } = MESSAGE;
    const inputTokens = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;

    expect(response.content).toBe(text);
    expect(response.reasoning).toBe(thinking);
    expect(response.thinking).toBe(thinking);
    expect(response.content).not.toContain(thinking);
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe(MESSAGE.stop_reason);
    expect(response.stopSequence).toBe(MESSAGE.stop_sequence);
    expect(response.usage).toEqual({
      inputTokens,
      outputTokens: usage.output_tokens,
      totalTokens: inputTokens + usage.output_tokens,
      cachedInputTokens: usage.cache_read_input_tokens,
      cacheCreationInputTokens: usage.cache_creation_input_tokens,
      reasoningTokens: usage.output_tokens_details.thinking_tokens,
    });
    expect(response.model).toBe(MESSAGE.model);
    expect(response.id).toBe(MESSAGE.id);
    expect(response.fallback).toBeUndefined();
    expect(response.message).toEqual({
      role: "assistant",
      content: text,
      reasoning: [{ provider: "anthropic", text: thinking, signature: MESSAGE.content[0].signature }],
    });
    expect(response.anthropicMessage).toEqual(MESSAGE);
    expect(response.contentBlocks).toEqual(MESSAGE.content);
  });
});

describe("call() with a server-side fallback", () => {
  it("names the model that answered, from the message's fallback block", async () => {
    const fallbackBlock = { type: "fallback", from: { model: "claude-fable-5" }, to: { model: "claude-opus-4-8" } };
    const message = { ...MESSAGE, model: fallbackBlock.from.model, content: [fallbackBlock, ...MESSAGE.content] };
    const fallbackServer = await startAnthropicMessagesServer(() => ({ json: message }));
    try {
      class Recipe extends AnthropicPrompt({ template: "Recommend a recipe", client: clientOf(fallbackServer) }) {}
      const response = await new Recipe().call();
      expect(response.model).toBe(fallbackBlock.to.model);
      expect(response.fallback).toEqual({ from: fallbackBlock.from.model, to: fallbackBlock.to.model });
      expect(response.content).toBe(
        MESSAGE.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join(""),
      );
      expect(response.contentBlocks).toEqual(message.content);
    } finally {
      await fallbackServer.close();
    }
  });
});
