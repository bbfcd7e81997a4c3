/**
 * Streams a recipe object and redraws it in the terminal as it fills in: each partial object the
 * stream gives replaces the previous drawing. On OpenAI and Anthropic (or only `$PROVIDER`), with
 * the real APIs where OPENAI_API_KEY / ANTHROPIC_API_KEY are set, the built-in local servers where not.
 */
import { useLocalAnthropicWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { type Provider, recipeWriter } from "./recipe.js";
import { renderRecipe } from "./render.js";

const providers: Provider[] =
  process.env.PROVIDER === "openai" || process.env.PROVIDER === "anthropic"
    ? [process.env.PROVIDER]
    : ["openai", "anthropic"];
const ingredient = process.argv[2] ?? "pears";
// In a terminal the drawing is redrawn in place; piped (CI, tests), only the finished one is printed.
const live = process.stdout.isTTY === true;

const stopLocalOpenAI = await useLocalOpenAIWhenNoKey();
const stopLocalAnthropic = await useLocalAnthropicWhenNoKey();
try {
  for (const provider of providers) {
    console.log(`== ${provider} ==`);
    const RecipeWriter = await recipeWriter(provider);
    const stream = new RecipeWriter({ ingredient }).stream();
    let drawn = 0;
    let snapshots = 0;
    for await (const partial of stream.partialObjects) {
      snapshots += 1;
      if (!live) continue;
      const lines = renderRecipe(partial);
      // Back to the drawing's first line, then clear to the end of the screen and draw again.
      if (drawn > 0) process.stdout.write(`\x1b[${drawn}F\x1b[0J`);
      process.stdout.write(`${lines.join("\n")}\n`);
      drawn = lines.length;
    }
    const recipe = await stream.object();
    if (!live) console.log(renderRecipe(recipe).join("\n"));
    const { usage, outputMode } = await stream.response();
    console.log(`[${snapshots} partial objects, mode ${outputMode}, ${usage?.outputTokens} tokens out]\n`);
  }
} finally {
  await stopLocalOpenAI();
  await stopLocalAnthropic();
}
