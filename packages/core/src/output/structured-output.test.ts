import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CallParamsError,
  definePrompt,
  defineTool,
  jsonSchema,
  OutputDefinitionError,
  OutputValidationError,
  StreamInterruptedError,
} from "../index.js";
import { rejectionOf, thrownBy } from "../test-support.js";
import { callingStep, createToolAdapter, type ScriptItem } from "../tools/tool-adapter.test-support.js";

const Recipe = z.object({
  title: z.string(),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number() })),
  note: z.string().optional(),
});

const recipe = {
  title: "Apple pie",
  ingredients: [
    { name: "apple", grams: 500 },
    { name: "flour", grams: 250 },
  ],
};

/** A stream of the JSON text in pieces of `size` characters, then a finish. */
function jsonStep(text: string, size = 7, finishReason: "stop" | "length" | "refusal" = "stop"): ScriptItem[] {
  const items: ScriptItem[] = [];
  for (let at = 0; at < text.length; at += size) items.push({ content: text.slice(at, at + size) });
  items.push({ finishReason });
  return items;
}

describe("structured output through a prompt's `output`", () => {
  it("streams partial objects that grow to the validated object, in the adapter's best mode", async () => {
    const adapter = createToolAdapter({ streams: [jsonStep(JSON.stringify(recipe))], outputModes: ["json_schema"] });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe with {fruit}", output: Recipe }) {}
    const stream = new RecipeWriter({ fruit: "apples" }).stream();
    const snapshots: unknown[] = [];
    for await (const partial of stream.partialObjects) snapshots.push(partial);
    expect(snapshots.at(-1)).toEqual(recipe);
    expect(snapshots.length).toBeGreaterThan(5);
    // Prefix-consistent: a title seen is a prefix of the final one; ingredients never shrink.
    for (const snapshot of snapshots as Array<{ title?: string; ingredients?: unknown[] }>) {
      if (snapshot.title !== undefined) expect(recipe.title.startsWith(snapshot.title)).toBe(true);
    }
    const lengths = (snapshots as Array<{ ingredients?: unknown[] }>).map((s) => s.ingredients?.length ?? 0);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    const object = await stream.object();
    expect(object).toEqual(recipe);
    const response = await stream.response();
    expect(response.outputMode).toBe("json_schema");
    expect(response.object.ingredients[1]?.grams).toBe(250);
    expect(response.content).toBe(JSON.stringify(recipe));
  });

  it("sends a strict schema in json_schema mode and maps the nulls of optional fields back", async () => {
    const answer = { ...recipe, note: null };
    const adapter = createToolAdapter({ streams: [jsonStep(JSON.stringify(answer))], outputModes: ["json_schema"] });
    class RecipeWriter extends definePrompt(adapter)({
      template: "A recipe",
      output: { schema: Recipe, name: "recipe" },
    }) {}
    const object = await new RecipeWriter().stream().object();
    expect(object).toEqual(recipe);
    expect("note" in object).toBe(false);
    const sent = adapter.requests[0]?.output;
    expect(sent?.mode).toBe("json_schema");
    expect(sent?.name).toBe("recipe");
    expect(sent?.schema).toMatchObject({
      type: "object",
      required: ["title", "ingredients", "note"],
      additionalProperties: false,
      properties: { note: { type: ["string", "null"] } },
    });
  });

  it("keeps snapshots structurally shared: a finished part is the same object in later snapshots", async () => {
    const adapter = createToolAdapter({ streams: [jsonStep(JSON.stringify(recipe), 3)], outputModes: ["json_schema"] });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}
    const firsts = new Set<unknown>();
    let last: unknown;
    for await (const partial of new RecipeWriter().stream().partialObjects) {
      const first = partial.ingredients?.[0];
      if (partial.ingredients !== undefined && partial.ingredients.length > 1) firsts.add(first);
      expect(Object.isFrozen(partial) || partial !== last).toBe(true);
      last = partial;
    }
    expect(firsts.size).toBe(1);
  });

  it("asks for JSON in the instructions on an adapter that declares no mode, and skips text around the JSON", async () => {
    const text = `Here it is:\n\`\`\`json\n${JSON.stringify(recipe)}\n\`\`\`\nEnjoy!`;
    const adapter = createToolAdapter({ streams: [jsonStep(text)] });
    class RecipeWriter extends definePrompt(adapter)({
      template: "SYSTEM: You cook.\nUSER: A recipe",
      output: Recipe,
    }) {}
    const response = await new RecipeWriter().stream().response();
    expect(response.object).toEqual(recipe);
    expect(response.outputMode).toBe("json");
    const system = adapter.requests[0]?.messages[0];
    expect(system?.role).toBe("system");
    expect(system?.content).toMatch(/^You cook\.\n\nAnswer with one JSON value only/);
    expect(system?.content).toContain('"ingredients"');
  });

  it("refuses garbage around the JSON in strict modes", async () => {
    const adapter = createToolAdapter({
      streams: [jsonStep(`Sure! ${JSON.stringify(recipe)}`)],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}
    const error = await rejectionOf(new RecipeWriter().stream().object());
    expect(error).toBeInstanceOf(OutputValidationError);
    expect((error as OutputValidationError).code).toBe("not_json");
    expect((error as OutputValidationError).text).toBe(`Sure! ${JSON.stringify(recipe)}`);
  });

  it("rejects every reader with an OutputValidationError that keeps the text, the value and the issues", async () => {
    const wrong = { title: "Pie", ingredients: [{ name: "apple", grams: "lots" }] };
    const text = JSON.stringify(wrong);
    const adapter = createToolAdapter({
      streams: [jsonStep(text), jsonStep(text), jsonStep(text)],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}
    const readers = [
      (stream: ReturnType<RecipeWriter["stream"]>) => stream.object(),
      async (stream: ReturnType<RecipeWriter["stream"]>) => {
        for await (const _ of stream.partialObjects) {
        }
      },
      async (stream: ReturnType<RecipeWriter["stream"]>) => {
        let received = "";
        for await (const chunk of stream) received += chunk.content;
        expect(received).toBe(text);
      },
    ];
    for (const read of readers) {
      const stream = new RecipeWriter().stream();
      const error = (await rejectionOf(read(stream))) as OutputValidationError;
      expect(error).toBeInstanceOf(OutputValidationError);
      expect(error.code).toBe("schema_mismatch");
      expect(error.text).toBe(text);
      expect(error.value).toEqual(wrong);
      expect(error.issues[0]?.path).toEqual(["ingredients", 0, "grams"]);
      expect(error.message).toContain("ingredients.0.grams");
      expect(error.finishReason).toBe("stop");
      expect(error.response?.content).toBe(text);
      expect(await rejectionOf(stream.response())).toBe(error);
    }
  });

  it("names a cut-off answer (`length`) and a refusal", async () => {
    const adapter = createToolAdapter({
      streams: [jsonStep('{"title": "Pie", "ingr', 5, "length"), jsonStep("I can't help with that.", 5, "refusal")],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}
    const cut = (await rejectionOf(new RecipeWriter().stream().object())) as OutputValidationError;
    expect(cut.code).toBe("length");
    expect(cut.message).toContain("maxTokens");
    const refused = (await rejectionOf(new RecipeWriter().stream().object())) as OutputValidationError;
    expect(refused.code).toBe("refusal");
    expect(refused.text).toBe("I can't help with that.");
  });

  it("asks again once with the issues when `reask` allows, counting the request in `attempts`", async () => {
    const wrong = JSON.stringify({ title: "Pie", ingredients: [{ name: "apple" }] });
    const adapter = createToolAdapter({
      streams: [jsonStep(wrong), jsonStep(JSON.stringify(recipe))],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({
      template: "USER: A recipe",
      output: { schema: Recipe, reask: 1 },
    }) {}
    const stream = new RecipeWriter().stream();
    const snapshots: unknown[] = [];
    for await (const partial of stream.partialObjects) snapshots.push(partial);
    expect(snapshots.at(-1)).toEqual(recipe);
    expect(await stream.object()).toEqual(recipe);
    expect(stream.attempts).toBe(2);
    const second = adapter.requests[1]?.messages ?? [];
    expect(second.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(second[1]?.content).toBe(wrong);
    expect(second[2]?.content).toContain("ingredients.0.grams");
  });

  it("gives up after `reask` tries with the last answer's error", async () => {
    const wrong = JSON.stringify({ title: 3 });
    const adapter = createToolAdapter({ streams: [jsonStep(wrong), jsonStep(wrong)], outputModes: ["json_schema"] });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: { schema: Recipe, reask: 1 } }) {}
    const stream = new RecipeWriter().stream();
    const error = (await rejectionOf(stream.object())) as OutputValidationError;
    expect(error.code).toBe("schema_mismatch");
    expect(stream.attempts).toBe(2);
  });

  it("streams each element of an array answer once, complete and valid", async () => {
    const items = [
      { name: "a", grams: 1 },
      { name: "b", grams: "x" },
      { name: "c", grams: 3 },
    ];
    const adapter = createToolAdapter({
      streams: [jsonStep(JSON.stringify({ value: items }), 4)],
      outputModes: ["json_schema"],
    });
    class Shopping extends definePrompt(adapter)({
      template: "A list",
      output: z.array(z.object({ name: z.string(), grams: z.number() })).min(5),
    }) {}
    const stream = new Shopping().stream();
    const elements: unknown[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const element of stream.elementStream) elements.push(element);
      })(),
    );
    // The invalid element is left out; the whole list then fails (too short, and one element wrong).
    expect(elements).toEqual([items[0], items[2]]);
    expect(error).toBeInstanceOf(OutputValidationError);
    expect(adapter.requests[0]?.output?.schema).toMatchObject({
      required: ["value"],
      properties: { value: { type: "array" } },
    });
  });

  it("wraps an enum (a classification) in an object and unwraps the answer", async () => {
    const adapter = createToolAdapter({ streams: [jsonStep('{"value": "positive"}')], outputModes: ["json_schema"] });
    class Sentiment extends definePrompt(adapter)({
      template: "Classify {text}",
      output: z.enum(["positive", "negative"]),
    }) {}
    const label: "positive" | "negative" = await new Sentiment({ text: "great" }).stream().object();
    expect(label).toBe("positive");
  });

  it("gives `object` on call() too", async () => {
    const adapter = createToolAdapter({ calls: [{ content: JSON.stringify(recipe) }], outputModes: ["json_schema"] });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}
    const response = await new RecipeWriter().call();
    expect(response.object).toEqual(recipe);
    expect(response.outputMode).toBe("json_schema");
  });

  it("takes a typed JSON Schema, which is checked to be JSON only", async () => {
    const adapter = createToolAdapter({ streams: [jsonStep('{"n": 1}')], outputModes: ["json_schema"] });
    const schema = jsonSchema<{ n: number }>({
      type: "object",
      properties: { n: { type: "number" } },
      required: ["n"],
    });
    class Count extends definePrompt(adapter)({ template: "Count", output: schema }) {}
    const object: { n: number } = await new Count().stream().object();
    expect(object).toEqual({ n: 1 });
  });

  it("refuses a mode the adapter cannot send, and a bad output option, before sending", () => {
    const adapter = createToolAdapter({ outputModes: ["json_schema"] });
    class RecipeWriter extends definePrompt(adapter)({
      template: "A recipe",
      output: { schema: Recipe, mode: "tool" },
    }) {}
    const error = thrownBy(() => new RecipeWriter().stream());
    expect(error).toBeInstanceOf(CallParamsError);
    expect((error as CallParamsError).message).toContain('"tool" mode');
    expect(adapter.requests).toHaveLength(0);
    expect(
      thrownBy(() => definePrompt(adapter)({ template: "x", output: { schema: Recipe, name: "a b" } })),
    ).toBeInstanceOf(OutputDefinitionError);
    expect(
      thrownBy(() => definePrompt(adapter)({ template: "x", output: { schema: Recipe, reask: -1 } })),
    ).toBeInstanceOf(OutputDefinitionError);
  });

  it("keeps the partial object and the text when the stream is cut in the middle of the JSON", async () => {
    const text = JSON.stringify(recipe);
    const received = text.slice(0, text.indexOf("flour") + 2);
    const cut = new StreamInterruptedError("The connection closed.", { provider: "memory" });
    const adapter = createToolAdapter({
      streams: [[...jsonStep(received, 8).slice(0, -1), { fail: cut }]],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", output: Recipe }) {}
    const stream = new RecipeWriter().stream();
    const error = (await rejectionOf(
      (async () => {
        for await (const _ of stream.partialObjects) {
        }
      })(),
    )) as StreamInterruptedError;
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error.partialText).toBe(received);
    expect(error.partialObject).toEqual({
      title: "Apple pie",
      ingredients: [{ name: "apple", grams: 500 }, { name: "fl" }],
    });
  });
});

describe("structured output with tools", () => {
  const getGrams = defineTool({
    name: "get_grams",
    parameters: z.object({ name: z.string() }),
    execute: ({ name }) => ({ name, grams: name === "apple" ? 500 : 250 }),
  });

  it("runs the tool loop, and the last step's answer is the object", async () => {
    const adapter = createToolAdapter({
      streams: [
        callingStep([{ id: "g1", name: "get_grams", args: '{"name":"apple"}' }], { text: "Weighing." }),
        jsonStep(JSON.stringify(recipe)),
      ],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({
      template: "A recipe",
      tools: [getGrams],
      maxSteps: 3,
      output: Recipe,
    }) {}
    const stream = new RecipeWriter().stream();
    const snapshots: unknown[] = [];
    for await (const partial of stream.partialObjects) snapshots.push(partial);
    // The first step's text is not JSON: only the last step's answer gives snapshots.
    expect(snapshots.at(-1)).toEqual(recipe);
    const response = await stream.response();
    expect(response.object).toEqual(recipe);
    expect(response.steps).toHaveLength(2);
    expect(response.steps[0]?.toolResults[0]?.result).toEqual({ name: "apple", grams: 500 });
    // Every step asked for the structured output.
    expect(adapter.requests.map((request) => request.output?.mode)).toEqual(["json_schema", "json_schema"]);
  });

  it("fails with not_json when the loop ends on a step that called tools (maxSteps reached)", async () => {
    const adapter = createToolAdapter({
      streams: [callingStep([{ id: "g1", name: "get_grams", args: '{"name":"apple"}' }])],
      outputModes: ["json_schema"],
    });
    class RecipeWriter extends definePrompt(adapter)({ template: "A recipe", tools: [getGrams], output: Recipe }) {}
    const error = (await rejectionOf(new RecipeWriter().stream().object())) as OutputValidationError;
    expect(error).toBeInstanceOf(OutputValidationError);
    expect(error.code).toBe("not_json");
    expect(error.finishReason).toBe("tool_calls");
  });

  it("refuses `tool` mode beside tools, before sending", () => {
    const adapter = createToolAdapter({ outputModes: ["json_schema", "tool"] });
    class RecipeWriter extends definePrompt(adapter)({
      template: "A recipe",
      tools: [getGrams],
      output: { schema: Recipe, mode: "tool" },
    }) {}
    const error = thrownBy(() => new RecipeWriter().stream());
    expect(error).toBeInstanceOf(CallParamsError);
    expect(adapter.requests).toHaveLength(0);
  });
});
