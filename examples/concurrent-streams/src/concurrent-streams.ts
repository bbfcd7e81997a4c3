/**
 * The reference flow's async section: several prompts streamed at once. Each `stream()` is
 * its own request with its own state, so they run side by side with `Promise.all`.
 */
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";

class RecipeRecommender extends OpenAIPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
  callParams: { model: "gpt-4o-mini" },
}) {}

async function streamRecipeRecommendation(ingredient: string): Promise<string> {
  const stream = new RecipeRecommender({ ingredient }).stream();
  let text = "";
  for await (const chunk of stream) {
    text += chunk.content;
  }
  return text;
}

const ingredients = ["apples", "pears", "plums"];
const started = performance.now();
const recommendations = await Promise.all(ingredients.map(streamRecipeRecommendation));

ingredients.forEach((ingredient, index) => {
  console.log(`## ${ingredient}\n${recommendations[index]}\n`);
});
console.log(`[${ingredients.length} streams at once in ${Math.round(performance.now() - started)} ms]`);
