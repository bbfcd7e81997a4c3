import { createOpenAITextChunks, type OpenAIChatServer, startOpenAIChatServer } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";

let server: OpenAIChatServer;
beforeAll(async () => {
  server = await startOpenAIChatServer(() => ({ chunks: createOpenAITextChunks("Apple pie and apple crumble.") }));
});
afterAll(() => server.close());

describe("OpenAIPrompt", () => {
  it("streams the reference flow's RecipeRecommender chunk by chunk", async () => {
    class RecipeRecommender extends OpenAIPrompt({
      template: "Recommend recipes that use {ingredient} as an ingredient",
      variables: z.object({ ingredient: z.string() }),
      callParams: { model: "gpt-4o-mini" },
      client: { baseURL: server.baseURL, apiKey: "test-key" },
    }) {}
    const stream = new RecipeRecommender({ ingredient: "apples" }).stream();
    let text = "";
    for await (const chunk of stream) text += chunk.content;
    expect(text).toBe("Apple pie and apple crumble.");
    const response = await stream.response();
    expect(response.finishReason).toBe("stop");
    expect(server.requests.at(-1)?.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Recommend recipes that use apples as an ingredient" }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});
