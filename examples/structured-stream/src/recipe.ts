/**
 * The recipe writer, on the provider chosen at run time: one schema, one prompt class, whichever
 * package `Prompt` comes from. The schema is the whole definition of the answer: its JSON Schema is
 * sent to the provider, its type is the object's, and it validates the answer at the end.
 */
import { z } from "zod";

export const Recipe = z.object({
  title: z.string(),
  servings: z.number().int(),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number() })),
  steps: z.array(z.string()),
});

export type Recipe = z.infer<typeof Recipe>;

export type Provider = "openai" | "anthropic";

export async function recipeWriter(provider: Provider) {
  const { Prompt } =
    provider === "anthropic"
      ? await import("@promptstream/provider-anthropic")
      : await import("@promptstream/provider-openai");

  return class RecipeWriter extends Prompt({
    template: `
      SYSTEM: You are a pastry chef. Give quantities in grams.
      USER: A recipe that uses {ingredient}
    `,
    output: { schema: Recipe, name: "recipe" },
  }) {};
}
