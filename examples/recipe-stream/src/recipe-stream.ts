/**
 * The reference flow: define a typed prompt once, stream its answer chunk by chunk, then
 * read the whole response that the stream assembled.
 */
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";

class RecipeRecommender extends OpenAIPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
  callParams: { model: "gpt-4o-mini" },
}) {}

const recommender = new RecipeRecommender({ ingredient: "apples" });

const stream = recommender.stream();
for await (const chunk of stream) {
  process.stdout.write(chunk.content);
}

const { finishReason, usage } = await stream.response();
console.log(`\n[finish reason: ${finishReason}, tokens: ${usage?.totalTokens ?? "not reported"}]`);
