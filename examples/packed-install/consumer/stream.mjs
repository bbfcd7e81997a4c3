// ESM: the reference flow, as a user writes it after `npm install`.

import { PromptTemplateError } from "@promptstream/core";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";

class RecipeRecommender extends OpenAIPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
  callParams: { model: "gpt-4o-mini" },
}) {}

const stream = new RecipeRecommender({ ingredient: "apples" }).stream();
for await (const chunk of stream) process.stdout.write(chunk.content);
const response = await stream.response();
process.stdout.write(`\nfinish=${response.finishReason} tokens=${response.usage?.totalTokens}\n`);

try {
  new RecipeRecommender({});
} catch (error) {
  process.stdout.write(`template-error=${error instanceof PromptTemplateError} ${error.code} ${error.variable}\n`);
}
