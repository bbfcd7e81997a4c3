// CommonJS: the same flow through require().
const { OpenAIPrompt } = require("@promptstream/provider-openai");
const { AuthenticationError, PromptstreamError } = require("@promptstream/core");

class RecipeRecommender extends OpenAIPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
}) {}

(async () => {
  const text = await new RecipeRecommender({ ingredient: "pears" }).stream().text();
  process.stdout.write(`${text}\ncjs-error-base=${typeof PromptstreamError.isInstance}\n`);
  // A key the server refuses: a typed error, not an unknown one.
  class Revoked extends OpenAIPrompt({ template: "Say hi to the revoked key" }) {}
  try {
    await new Revoked().stream().text();
  } catch (error) {
    const typed = error instanceof AuthenticationError;
    process.stdout.write(
      `${typed ? "AuthenticationError" : String(error)} ${error.code} ${error.status} retryable=${error.retryable}\n`,
    );
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
