// CommonJS: the same flow through require().
const { OpenAIPrompt } = require("@promptstream/provider-openai");
const { PromptstreamError } = require("@promptstream/core");

class RecipeRecommender extends OpenAIPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
}) {}

(async () => {
  const text = await new RecipeRecommender({ ingredient: "pears" }).stream().text();
  process.stdout.write(`${text}\ncjs-error-base=${typeof PromptstreamError.isInstance}\n`);
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
