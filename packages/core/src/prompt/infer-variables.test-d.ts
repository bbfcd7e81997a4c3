import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type {
  AdapterV1,
  CallParams,
  CallResponse,
  Message,
  ResponseChunk,
  TemplateValue,
  TemplateVariables,
  VariablesInput,
  VariablesOutput,
} from "../index.js";
import { definePrompt } from "../index.js";

declare const adapter: AdapterV1<CallParams, ResponseChunk, CallResponse>;
const MemoryPrompt = definePrompt(adapter);

describe("TemplateVariables", () => {
  it("reads each {name} placeholder of a template literal as a required key", () => {
    expectTypeOf<TemplateVariables<"Recommend recipes that use {ingredient}">>().toEqualTypeOf<{
      readonly ingredient: TemplateValue;
    }>();
    expectTypeOf<TemplateVariables<"{a}{b}: {a} goes with {b}">>().toEqualTypeOf<{
      readonly a: TemplateValue;
      readonly b: TemplateValue;
    }>();
  });

  it("does not read {{escaped}} braces as a variable", () => {
    // biome-ignore lint/complexity/noBannedTypes: the type under test is exactly the empty object `{}`.
    expectTypeOf<TemplateVariables<"Answer like {{escaped}}">>().toEqualTypeOf<{}>();
    expectTypeOf<TemplateVariables<'JSON like {{"dish": "{dish}"}}'>>().toEqualTypeOf<{
      readonly dish: TemplateValue;
    }>();
  });

  it("types the MESSAGES: placeholder as a readonly list of messages", () => {
    expectTypeOf<TemplateVariables<"SYSTEM: Be brief.\nMESSAGES: {history}\nUSER: {question}">>().toEqualTypeOf<{
      readonly history: readonly Message[];
      readonly question: TemplateValue;
    }>();
  });

  it("has no keys for a template without placeholders", () => {
    // biome-ignore lint/complexity/noBannedTypes: the type under test is exactly the empty object `{}`.
    expectTypeOf<TemplateVariables<"SYSTEM: Be brief.\nUSER: Hello!">>().toEqualTypeOf<{}>();
  });

  it("falls back to a record of any variables when the template is a plain string", () => {
    expectTypeOf<TemplateVariables<string>>().toEqualTypeOf<
      Readonly<Record<string, TemplateValue | readonly Message[]>>
    >();
  });

  it("accepts scalars and arrays of scalars as a placeholder's value", () => {
    expectTypeOf<"apples" | 3 | true | 10n | readonly ["a", 1]>().toExtend<TemplateValue>();
    expectTypeOf<{ name: string }>().not.toExtend<TemplateValue>();
    expectTypeOf<null>().not.toExtend<TemplateValue>();
  });
});

describe("VariablesInput and VariablesOutput", () => {
  it("are the template's variables when there is no schema", () => {
    expectTypeOf<VariablesInput<"Use {ingredient}", undefined>>().toEqualTypeOf<{
      readonly ingredient: TemplateValue;
    }>();
    expectTypeOf<VariablesOutput<"Use {ingredient}", undefined>>().toEqualTypeOf<{
      readonly ingredient: TemplateValue;
    }>();
  });

  it("are the schema's input and output types when there is a schema", () => {
    const schema = z.object({ servings: z.string().transform(Number), ingredient: z.string().default("apples") });
    expectTypeOf<VariablesInput<"{servings} {ingredient}", typeof schema>>().toEqualTypeOf<z.input<typeof schema>>();
    expectTypeOf<VariablesOutput<"{servings} {ingredient}", typeof schema>>().toEqualTypeOf<z.output<typeof schema>>();
  });
});

describe("prompt constructors without a schema", () => {
  it("infer the variables argument from the template literal", () => {
    class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
    expectTypeOf<ConstructorParameters<typeof RecipeRecommender>[0]>().toEqualTypeOf<{
      readonly ingredient: TemplateValue;
    }>();
    new RecipeRecommender({ ingredient: "apples" });
    new RecipeRecommender({ ingredient: ["apples", "pears"] });
  });

  it("make a missing or misspelled variable a compile error", () => {
    class RecipeRecommender extends MemoryPrompt({ template: "Recommend {servings} recipes that use {ingredient}" }) {}
    // @ts-expect-error: `ingredient` is missing
    new RecipeRecommender({ servings: 2 });
    // @ts-expect-error: `ingredeint` is misspelled, so `ingredient` is missing
    new RecipeRecommender({ servings: 2, ingredeint: "apples" });
    // @ts-expect-error: the variables are required
    new RecipeRecommender();
  });

  it("make a value of a type a placeholder cannot render a compile error", () => {
    class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
    // @ts-expect-error: an object cannot be rendered as text
    new RecipeRecommender({ ingredient: { name: "apples" } });
    // @ts-expect-error: null cannot be rendered as text
    new RecipeRecommender({ ingredient: null });
  });

  it("do not require {{escaped}} names", () => {
    class JsonAsker extends MemoryPrompt({ template: "Answer as JSON like {{escaped}}" }) {}
    new JsonAsker();
    new JsonAsker({});
  });

  it("take a list of messages for MESSAGES: {history}, and nothing else there", () => {
    class Conversation extends MemoryPrompt({ template: "MESSAGES: {history}\nUSER: {question}" }) {}
    expectTypeOf<ConstructorParameters<typeof Conversation>[0]>().toEqualTypeOf<{
      readonly history: readonly Message[];
      readonly question: TemplateValue;
    }>();
    new Conversation({
      history: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
      ],
      question: "And?",
    });
    // @ts-expect-error: history takes messages, not text
    new Conversation({ history: "Hi", question: "And?" });
    // @ts-expect-error: a message's role is system, user or assistant
    new Conversation({ history: [{ role: "tool", content: "42" }], question: "And?" });
  });

  it("allow new X() for a template with no placeholders", () => {
    class Greeter extends MemoryPrompt({ template: "SYSTEM: Be brief.\nUSER: Say hello." }) {}
    new Greeter();
    new Greeter({}, { callParams: { temperature: 0 } });
    // biome-ignore lint/complexity/noBannedTypes: the type under test is exactly the empty object `{}`.
    expectTypeOf<ConstructorParameters<typeof Greeter>[0]>().toEqualTypeOf<{} | undefined>();
  });

  it("type the instance's variables like the constructor's", () => {
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}" }) {}
    expectTypeOf(new RecipeRecommender({ ingredient: "apples" }).variables).toEqualTypeOf<
      Readonly<{ readonly ingredient: TemplateValue }>
    >();
  });
});
