/** fallback() across providers: OpenAI overloaded, Anthropic answers; over loopback servers, through both SDKs. */
import { fallback } from "@promptstream/core";
import { AnthropicPrompt } from "@promptstream/provider-anthropic";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { createAnthropicTextEvents, startAnthropicMessagesServer, startOpenAIChatServer } from "@promptstream/testing";
import { describe, expect, expectTypeOf, it } from "vitest";

const template = "Recommend recipes that use {ingredient} as an ingredient";

describe("fallback from OpenAI to Anthropic", () => {
  it("streams Anthropic's answer once OpenAI has failed with 503 and its retries, and says who answered", async () => {
    const openai = await startOpenAIChatServer(() => ({
      status: 503,
      json: {
        error: { message: "The engine is currently overloaded.", type: "server_error", param: null, code: null },
      },
    }));
    const anthropic = await startAnthropicMessagesServer(() => ({
      events: createAnthropicTextEvents("Apple crumble."),
    }));
    try {
      class OpenAIRecipe extends OpenAIPrompt({
        template,
        client: { baseURL: openai.baseURL, apiKey: "sk-a" },
        maxRetries: 1,
        retryDelayMs: 1,
      }) {}
      class AnthropicRecipe extends AnthropicPrompt({
        template,
        client: { baseURL: anthropic.baseURL, apiKey: "sk-ant-b" },
      }) {}
      const stream = fallback([
        new OpenAIRecipe({ ingredient: "apples" }),
        new AnthropicRecipe({ ingredient: "apples" }),
      ]).stream();
      let text = "";
      for await (const chunk of stream) {
        expectTypeOf(chunk.content).toEqualTypeOf<string>();
        text += chunk.content;
      }
      const response = await stream.response();
      expect(text).toBe("Apple crumble.");
      expect(response.answeredBy).toEqual({ index: 1, provider: "anthropic" });
      expect(response.content).toBe("Apple crumble.");
      expect(openai.requests).toHaveLength(2);
      expect(anthropic.requests).toHaveLength(1);
    } finally {
      await openai.close();
      await anthropic.close();
    }
  });
});
