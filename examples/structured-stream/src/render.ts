/** Draws a recipe, complete or partial, as terminal lines: what is not written yet is left out. */
import type { DeepPartial } from "@promptstream/core";
import type { Recipe } from "./recipe.js";

export function renderRecipe(recipe: DeepPartial<Recipe>): string[] {
  const lines = [`# ${recipe.title ?? "..."}${recipe.servings === undefined ? "" : ` (serves ${recipe.servings})`}`];
  if (recipe.ingredients !== undefined) {
    lines.push("Ingredients:");
    for (const { name = "", grams } of recipe.ingredients)
      lines.push(`  - ${name}${grams === undefined ? "" : `: ${grams} g`}`);
  }
  if (recipe.steps !== undefined) {
    lines.push("Steps:");
    recipe.steps.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${step}`);
    });
  }
  return lines;
}
