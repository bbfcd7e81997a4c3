/**
 * @module The structured output the shared suites ask for (conformance and faults): a recipe with
 * nested objects in an array and an optional note, its JSON Schema, and the answer a model gives.
 */
import { jsonSchema } from "@promptstream/core";

/** A recipe: nested objects in an array, and an optional note. */
export interface Recipe {
  readonly title: string;
  readonly ingredients: ReadonlyArray<{ readonly name: string; readonly grams: number }>;
  readonly note?: string;
}

/** The recipe's JSON Schema (the note optional), typed. */
export const RECIPE_SCHEMA = jsonSchema<Recipe>({
  type: "object",
  properties: {
    title: { type: "string" },
    ingredients: {
      type: "array",
      items: {
        type: "object",
        properties: { name: { type: "string" }, grams: { type: "number" } },
        required: ["name", "grams"],
      },
    },
    note: { type: "string" },
  },
  required: ["title", "ingredients"],
});

/** The recipe the scripted model answers with (no note). */
export const RECIPE: Recipe = {
  title: "Apple pie",
  ingredients: [
    { name: "apple", grams: 500 },
    { name: "flour", grams: 250 },
  ],
};

/** The name of the output, and of the forced tool in `tool` mode. */
export const OUTPUT_NAME = "recipe";
