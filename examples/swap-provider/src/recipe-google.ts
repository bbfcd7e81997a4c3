/** The reference prompt. To move it to another provider, change only the import line. */
import { Prompt } from "@promptstream/provider-google";
import { z } from "zod";

class RecipeRecommender extends Prompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
  callParams: { maxTokens: 400 },
}) {}

const stream = new RecipeRecommender({ ingredient: "apples" }).stream();
for await (const chunk of stream) process.stdout.write(chunk.content);

const { model, finishReason, usage } = await stream.response();
console.log(`\n[${model}: finish reason ${finishReason}, ${usage?.inputTokens} tokens in, ${usage?.outputTokens} out]`);
