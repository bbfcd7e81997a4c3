/**
 * Tests of the app's own prompts as a user writes them: each replays a cassette committed in
 * `__cassettes__/`, through the real SDK, with no network and no key. To record them again against
 * the real APIs: `PROMPTSTREAM_RECORD=1 OPENAI_API_KEY=... ANTHROPIC_API_KEY=... npx vitest run src/recipe.test.ts`.
 */
import { useCassette, withCassette } from "@promptstream/testing";
import { expect, it } from "vitest";
import { AnthropicRecipe, OpenAIRecipe } from "./recipe-prompts.js";

it("recommends a recipe with apples (OpenAI)", async () => {
  const cassette = await useCassette("openai/apple-recipe", { provider: "openai" });
  try {
    const response = await new OpenAIRecipe({ ingredient: "apples" }).stream().response();
    expect(response.content).toMatch(/apple/i);
    expect(response.finishReason).toBe("stop");
  } finally {
    await cassette.close();
  }
});

it("recommends a recipe with apples (Anthropic)", async () => {
  const text = await withCassette("anthropic/apple-recipe", { provider: "anthropic" }, () =>
    new AnthropicRecipe({ ingredient: "apples" }).stream().text(),
  );
  expect(text).toMatch(/apple/i);
});
