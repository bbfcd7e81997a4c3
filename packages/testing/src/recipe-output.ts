/**
 * @module The recipe the structured-output tests ask for (the shared conformance and fault suites,
 * and each provider's own tests): nested objects in an array and an optional note, its JSON Schema
 * as written and in strict form, and the answer a model gives.
 */
import { jsonSchema } from "@promptstream/core";

/** A recipe: nested objects in an array, and an optional note. */
export interface Recipe {
  readonly title: string;
  readonly ingredients: ReadonlyArray<{ readonly name: string; readonly grams: number }>;
  readonly note?: string;
}

/** The recipe's JSON Schema as written (the note optional): what `tool` and `json` modes send. */
export const RECIPE_JSON_SCHEMA = {
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
} as const;

/**
 * Its strict form, what `json_schema` mode sends: every property required (the optional note
 * nullable), and no other property allowed, in every object.
 */
export const STRICT_RECIPE_JSON_SCHEMA = {
  type: "object",
  properties: {
    title: { type: "string" },
    ingredients: {
      type: "array",
      items: { ...RECIPE_JSON_SCHEMA.properties.ingredients.items, additionalProperties: false },
    },
    note: { type: ["string", "null"] },
  },
  required: ["title", "ingredients", "note"],
  additionalProperties: false,
} as const;

/** {@link RECIPE_JSON_SCHEMA} as a prompt's `output`, typed. */
export const RECIPE_SCHEMA = jsonSchema<Recipe>(RECIPE_JSON_SCHEMA);

/** The recipe a scripted model answers with (no note). */
export const RECIPE = {
  title: "Apple pie",
  ingredients: [
    { name: "apple", grams: 500 },
    { name: "flour", grams: 250 },
  ],
} satisfies Recipe;

/** The name of the output, and of the forced tool in `tool` mode. */
export const OUTPUT_NAME = "recipe";
