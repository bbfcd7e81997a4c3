/**
 * Streams a RecipeRecommender prompt through the custom Ollama adapter: from the Ollama at
 * OLLAMA_HOST or localhost:11434 when there is one, else from the built-in local server.
 */
import { ProviderError } from "@promptstream/core";
import { z } from "zod";
import { OllamaPrompt } from "./index.js";
import { useLocalOllamaWhenNoneAnswers } from "./local-ollama.js";

class RecipeRecommender extends OllamaPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
  callParams: { maxTokens: 400 },
}) {}

const stopLocalOllama = await useLocalOllamaWhenNoneAnswers();
try {
  const stream = new RecipeRecommender({ ingredient: "apples" }).stream();
  for await (const chunk of stream) process.stdout.write(chunk.content);

  const { model, finishReason, usage } = await stream.response();
  console.log(
    `\n[${model}: finish reason ${finishReason}, ${usage?.inputTokens} tokens in, ${usage?.outputTokens} out]`,
  );
} catch (error) {
  if (!(error instanceof ProviderError)) throw error;
  // e.g. `Ollama: model "llama3.2" not found, try pulling it first (not_found)`: run `ollama pull llama3.2`.
  console.error(`\n${error.message} (${error.code})`);
  process.exitCode = 1;
} finally {
  await stopLocalOllama();
}
