import { createRequire } from "node:module";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod3";
import { PromptstreamError, PromptTemplateError, type StandardSchemaV1 } from "../index.js";
import { MemoryPrompt, thrownBy, unusedAdapter } from "../test-support.js";

const template = "Recommend {servings} recipes that use {ingredient}";

/** The same variables schema written with each supported validator. */
const schemas = {
  "zod 4": {
    recipe: z.object({ ingredient: z.string(), servings: z.number().int().positive() }),
    onlyIngredient: z.object({ ingredient: z.string() }),
    transformed: z.object({
      ingredient: z
        .string()
        .trim()
        .transform((value) => value.toUpperCase()),
      servings: z.number().default(2),
    }),
  },
  "zod 3": {
    recipe: z3.object({ ingredient: z3.string(), servings: z3.number().int().positive() }),
    onlyIngredient: z3.object({ ingredient: z3.string() }),
    transformed: z3.object({
      ingredient: z3
        .string()
        .trim()
        .transform((value) => value.toUpperCase()),
      servings: z3.number().default(2),
    }),
  },
  valibot: {
    recipe: v.object({ ingredient: v.string(), servings: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    onlyIngredient: v.object({ ingredient: v.string() }),
    transformed: v.object({
      ingredient: v.pipe(
        v.string(),
        v.trim(),
        v.transform((value) => value.toUpperCase()),
      ),
      servings: v.optional(v.number(), 2),
    }),
  },
} satisfies Record<string, Record<string, StandardSchemaV1>>;

describe("variables without a schema", () => {
  it("names the missing variable and the prompt class in a missing_variable error", () => {
    class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
    const error = thrownBy(() => new RecipeRecommender({} as never));
    expect(error).toBeInstanceOf(PromptTemplateError);
    expect(error).toMatchObject({
      name: "PromptTemplateError",
      code: "missing_variable",
      promptName: "RecipeRecommender",
      variable: "ingredient",
    });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"RecipeRecommender: missing variable "ingredient", used as {ingredient} in the template. Pass it to the constructor: new RecipeRecommender({ ingredient: ... })."`,
    );
  });

  it("reports a variable given as undefined as missing", () => {
    class RecipeRecommender extends MemoryPrompt({ template }) {}
    expect(thrownBy(() => new RecipeRecommender({ servings: 2, ingredient: undefined as never }))).toMatchObject({
      code: "missing_variable",
      variable: "ingredient",
    });
  });

  it("reports missing variables when constructed with no argument at all", () => {
    class RecipeRecommender extends MemoryPrompt({ template }) {}
    const Untyped = RecipeRecommender as unknown as new () => unknown;
    expect(thrownBy(() => new Untyped())).toMatchObject({ code: "missing_variable", variable: "servings" });
  });

  it("reports the MESSAGES: variable as missing too", () => {
    class Conversation extends MemoryPrompt({ template: "MESSAGES: {history}\nUSER: {question}" }) {}
    expect(thrownBy(() => new Conversation({ question: "Hi" } as never))).toMatchObject({
      code: "missing_variable",
      promptName: "Conversation",
      variable: "history",
    });
  });

  it.each([
    ["an array", ["apples"]],
    ["a string", "apples"],
  ])("rejects %s given instead of a variables object with invalid_variable", (_case, variables) => {
    class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
    expect(thrownBy(() => new RecipeRecommender(variables as never))).toMatchObject({
      name: "PromptTemplateError",
      code: "invalid_variable",
      promptName: "RecipeRecommender",
    });
  });

  it("keeps the given values as the instance's variables", () => {
    class RecipeRecommender extends MemoryPrompt({ template }) {}
    expect(new RecipeRecommender({ ingredient: "apples", servings: 3 }).variables).toEqual({
      ingredient: "apples",
      servings: 3,
    });
  });
});

describe.each(Object.entries(schemas))("variables with a %s schema", (_vendor, schema) => {
  it("renders and keeps the validated variables", () => {
    class RecipeRecommender extends MemoryPrompt({ template, variables: schema.recipe }) {}
    const recommender = new RecipeRecommender({ ingredient: "apples", servings: 3 });
    expect(recommender.variables).toEqual({ ingredient: "apples", servings: 3 });
    expect(recommender.messages()).toEqual([{ role: "user", content: "Recommend 3 recipes that use apples" }]);
  });

  it("names the missing variable and the prompt class in a missing_variable error", () => {
    class RecipeRecommender extends MemoryPrompt({ template, variables: schema.recipe }) {}
    const error = thrownBy(() => new RecipeRecommender({ servings: 3 } as never));
    expect(error).toBeInstanceOf(PromptTemplateError);
    expect(error).toMatchObject({ code: "missing_variable", promptName: "RecipeRecommender", variable: "ingredient" });
    expect((error as Error).message).toContain("RecipeRecommender");
    expect((error as Error).message).toContain('"ingredient"');
  });

  it("reports a value the schema rejects as invalid_variable, with the variable in error.variable", () => {
    class RecipeRecommender extends MemoryPrompt({ template, variables: schema.recipe }) {}
    const error = thrownBy(() => new RecipeRecommender({ ingredient: "apples", servings: 0 }));
    expect(error).toBeInstanceOf(PromptTemplateError);
    expect(error).toMatchObject({ code: "invalid_variable", promptName: "RecipeRecommender", variable: "servings" });
    expect((error as Error).message).toMatch(/^RecipeRecommender: invalid variables: servings: /);
  });

  it("reports a value of the wrong type as invalid_variable", () => {
    class RecipeRecommender extends MemoryPrompt({ template, variables: schema.recipe }) {}
    const error = thrownBy(() => new RecipeRecommender({ ingredient: 42 as never, servings: 3 }));
    expect(error).toMatchObject({ code: "invalid_variable", variable: "ingredient" });
  });

  it("rejects at definition a placeholder the schema does not declare, with undeclared_variable", () => {
    const error = thrownBy(() => MemoryPrompt({ template, variables: schema.onlyIngredient }));
    expect(error).toBeInstanceOf(PromptTemplateError);
    expect(error).toMatchObject({
      name: "PromptTemplateError",
      code: "undeclared_variable",
      promptName: "memory prompt definition",
      variable: "servings",
    });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"memory prompt definition: the template uses {servings} but the variables schema does not declare "servings". Add it to the schema."`,
    );
  });

  it("applies the schema's transforms and defaults: variables and messages use the schema's output", () => {
    class RecipeRecommender extends MemoryPrompt({ template, variables: schema.transformed }) {}
    const recommender = new RecipeRecommender({ ingredient: "  apples " });
    expect(recommender.variables).toEqual({ ingredient: "APPLES", servings: 2 });
    expect(recommender.messages()).toEqual([{ role: "user", content: "Recommend 2 recipes that use APPLES" }]);
  });
});

describe("schemas in other shapes", () => {
  it("rejects an asynchronous zod 4 schema with async_schema", () => {
    const variables = z.object({ ingredient: z.string().refine(async (value) => value.length > 0) });
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}", variables }) {}
    expect(thrownBy(() => new RecipeRecommender({ ingredient: "apples" }))).toMatchObject({
      name: "PromptTemplateError",
      code: "async_schema",
      promptName: "RecipeRecommender",
    });
  });

  it("rejects an asynchronous valibot schema with async_schema", () => {
    const variables = v.objectAsync({
      ingredient: v.pipeAsync(
        v.string(),
        v.checkAsync(async (value) => value.length > 0),
      ),
    });
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}", variables }) {}
    expect(thrownBy(() => new RecipeRecommender({ ingredient: "apples" }))).toMatchObject({ code: "async_schema" });
  });

  it("renders an array-of-strings variable validated by a schema", () => {
    const variables = z.object({ ingredients: z.array(z.string()) });
    class Shopping extends MemoryPrompt({ template: "Cook with:\n{ingredients}", variables }) {}
    expect(new Shopping({ ingredients: ["apples", "flour"] }).messages()).toEqual([
      { role: "user", content: "Cook with:\napples\nflour" },
    ]);
  });

  it("reports a wrong item inside an array variable as invalid_variable on that variable, not as missing", () => {
    const variables = z.object({ ingredients: z.array(z.string()) });
    class Shopping extends MemoryPrompt({ template: "Cook with:\n{ingredients}", variables }) {}
    const error = thrownBy(() => new Shopping({ ingredients: ["apples", 42 as never] }));
    expect(error).toMatchObject({ code: "invalid_variable", promptName: "Shopping", variable: "ingredients" });
    expect((error as Error).message).not.toMatch(/missing/);
  });

  it("rejects an object value accepted by the schema with invalid_variable, since it cannot be rendered", () => {
    const variables = z.object({ ingredient: z.object({ name: z.string() }) });
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}", variables }) {}
    expect(thrownBy(() => new RecipeRecommender({ ingredient: { name: "apples" } }))).toMatchObject({
      code: "invalid_variable",
      promptName: "RecipeRecommender",
      variable: "ingredient",
    });
  });

  it("renders an object value that the schema transforms into text", () => {
    const variables = z.object({ ingredient: z.object({ name: z.string() }).transform((value) => value.name) });
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}", variables }) {}
    expect(new RecipeRecommender({ ingredient: { name: "apples" } }).messages()).toEqual([
      { role: "user", content: "Use apples" },
    ]);
  });

  it("reports, at construction, a placeholder that a schema without a listed shape drops, as undeclared_variable", () => {
    const variables = z.object({ ingredient: z.string() }).transform((value) => ({ ...value, extra: undefined }));
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient} for {course}", variables }) {}
    const error = thrownBy(() => new RecipeRecommender({ ingredient: "apples", course: "dessert" } as never));
    expect(error).toMatchObject({ code: "undeclared_variable", promptName: "RecipeRecommender", variable: "course" });
  });

  it("rejects a schema whose output is not an object with invalid_variable", () => {
    const variables = z.object({ ingredient: z.string() }).transform((value) => value.ingredient);
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}", variables: variables as never }) {}
    expect(thrownBy(() => new RecipeRecommender({ ingredient: "apples" } as never))).toMatchObject({
      code: "invalid_variable",
      promptName: "RecipeRecommender",
    });
  });
});

describe("PromptstreamError.isInstance", () => {
  it("recognises a PromptTemplateError and nothing that is not a promptstream error", () => {
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}" }) {}
    const error = thrownBy(() => new RecipeRecommender({} as never));
    expect(PromptstreamError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(PromptstreamError);
    expect(error).toBeInstanceOf(Error);
    for (const other of [
      new Error("plain"),
      new TypeError("type"),
      { code: "missing_variable" },
      "error",
      null,
      undefined,
    ]) {
      expect(PromptstreamError.isInstance(other)).toBe(false);
    }
  });

  it("recognises an error thrown by another copy of the package, which instanceof does not", () => {
    // The built CommonJS bundle is a second copy of core, with its own classes.
    const otherCopy = createRequire(import.meta.url)("../../dist/index.cjs") as typeof import("../index.js");
    const OtherPrompt = otherCopy.definePrompt(unusedAdapter);
    class RecipeRecommender extends OtherPrompt({ template: "Use {ingredient}" }) {}
    const foreign = thrownBy(() => new RecipeRecommender({} as never));
    expect(foreign).toBeInstanceOf(otherCopy.PromptTemplateError);
    expect(foreign).not.toBeInstanceOf(PromptstreamError);
    expect(PromptstreamError.isInstance(foreign)).toBe(true);
  });
});
