/**
 * A prompt's `output` through the real `openai` SDK, from a loopback server: the
 * `response_format` sent (strict schema, wrapped roots), partial objects streamed to the final
 * object, `call()`, and `json` mode (no `response_format`, the schema in the system message).
 */
import { createOpenAITextChunks, STRICT_RECIPE_JSON_SCHEMA } from "@promptstream/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import {
  completionOf,
  cut,
  jsonChunks,
  RECIPE,
  RECIPE_JSON,
  Recipe,
  snapshotsOf,
} from "./openai-structured-output.test-support.js";
import { expectRequests, STREAM_FIELDS, useToolServer } from "./openai-tools.test-support.js";

/** The tool tests' server: it answers each request with the script queued next. */
const server = useToolServer();

function recipeWriter() {
  return class RecipeWriter extends OpenAIPrompt({
    template: "SYSTEM: You cook.\nUSER: A recipe with {fruit}",
    output: { schema: Recipe, name: "recipe", description: "A recipe" },
    client: server.client,
  }) {};
}

describe("a prompt's output in json_schema mode (OpenAI's default)", () => {
  it("sends response_format with the strict schema, named and described", async () => {
    server.queue({ chunks: jsonChunks(RECIPE_JSON) });
    const RecipeWriter = recipeWriter();
    await new RecipeWriter({ fruit: "apples" }).stream().object();
    const [body] = expectRequests(server, 1);
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You cook." },
        { role: "user", content: "A recipe with apples" },
      ],
      response_format: {
        type: "json_schema",
        json_schema: { name: "recipe", description: "A recipe", schema: STRICT_RECIPE_JSON_SCHEMA, strict: true },
      },
      ...STREAM_FIELDS,
    });
  });

  it("wraps an enum or an array output under `value`, and unwraps the answer", async () => {
    server.queue({ chunks: jsonChunks('{"value":"positive"}', 4) });
    class Sentiment extends OpenAIPrompt({
      template: "Classify: {text}",
      output: z.enum(["positive", "negative"]),
      client: server.client,
    }) {}
    const label = await new Sentiment({ text: "Lovely pie" }).stream().object();
    expectTypeOf(label).toEqualTypeOf<"positive" | "negative">();
    expect(label).toBe("positive");

    server.queue({ chunks: jsonChunks('{"value":["apple","pear"]}', 5) });
    class Fruits extends OpenAIPrompt({ template: "Fruits", output: z.array(z.string()), client: server.client }) {}
    const stream = new Fruits().stream();
    const elements: string[] = [];
    for await (const element of stream.elementStream) elements.push(element);
    expect(elements).toEqual(["apple", "pear"]);
    expect(await stream.object()).toEqual(["apple", "pear"]);

    const schemas = expectRequests(server, 2).map(
      (body) => (body as { response_format: { json_schema: { schema: unknown } } }).response_format.json_schema.schema,
    );
    expect(schemas).toEqual([
      {
        type: "object",
        properties: { value: { type: "string", enum: ["positive", "negative"] } },
        required: ["value"],
        additionalProperties: false,
      },
      {
        type: "object",
        properties: { value: { type: "array", items: { type: "string" } } },
        required: ["value"],
        additionalProperties: false,
      },
    ]);
  });

  it("streams partial objects that grow to the final object; object() is the JSON of the text, nulls of optional fields left out", async () => {
    // One piece per network read: each can give its own snapshot.
    server.queue({ chunks: jsonChunks(RECIPE_JSON, 5), chunkDelayMs: 2 });
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter({ fruit: "apples" }).stream();
    const snapshots = await snapshotsOf(stream.partialObjects);
    const response = await stream.response();

    expect(response.content).toBe(RECIPE_JSON);
    const { note: _null, ...parsed } = JSON.parse(response.content) as typeof RECIPE & { note: null };
    expect(await stream.object()).toEqual(parsed);
    expect(await stream.object()).toEqual(RECIPE);
    expect("note" in response.object).toBe(false);
    expect(response.outputMode).toBe("json_schema");
    expect(response.finishReason).toBe("stop");

    expect(snapshots.length).toBeGreaterThan(8);
    expect(snapshots.at(-1)).toEqual(RECIPE);
    let before = "";
    for (const snapshot of snapshots) {
      // Each snapshot's JSON is a prefix-consistent step: a title seen is a prefix of the final one.
      if (snapshot.title !== undefined) expect(RECIPE.title.startsWith(snapshot.title)).toBe(true);
      expect("note" in snapshot && snapshot.note === null).toBe(false);
      const now = JSON.stringify(snapshot);
      expect(now).not.toBe(before);
      before = now;
    }
    const counts = snapshots.map((snapshot) => snapshot.ingredients?.length ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it("streams the JSON as the chunks' content and textStream, unchanged", async () => {
    server.queue({ chunks: jsonChunks(RECIPE_JSON, 7) });
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter({ fruit: "pears" }).stream();
    const pieces: string[] = [];
    for await (const piece of stream.textStream) pieces.push(piece);
    expect(pieces).toEqual(cut(RECIPE_JSON, 7));
    expect(await stream.object()).toEqual(RECIPE);
  });

  it("gives response.object from call(), with the same response_format sent", async () => {
    server.queue({ json: completionOf(RECIPE_JSON) });
    const RecipeWriter = recipeWriter();
    const response = await new RecipeWriter({ fruit: "apples" }).call();
    expectTypeOf(response.object).toEqualTypeOf<z.infer<typeof Recipe>>();
    expect(response.object).toEqual(RECIPE);
    expect(response.outputMode).toBe("json_schema");
    expect(response.content).toBe(RECIPE_JSON);
    const [body] = expectRequests(server, 1);
    expect(body).toMatchObject({ response_format: { type: "json_schema", json_schema: { name: "recipe" } } });
    expect((body as { stream?: unknown }).stream).not.toBe(true);
  });
});

describe('a prompt\'s output in "json" mode', () => {
  const FENCED = `Here it is:\n\`\`\`json\n${JSON.stringify(RECIPE, null, 2)}\n\`\`\`\nEnjoy!`;

  it("sends no response_format, puts the schema in the system message, and parses a fenced answer leniently", async () => {
    server.queue({ chunks: createOpenAITextChunks(FENCED) });
    class RecipeWriter extends OpenAIPrompt({
      template: "SYSTEM: You cook.\nUSER: A recipe",
      output: { schema: Recipe, mode: "json", description: "A recipe" },
      client: server.client,
    }) {}
    const stream = new RecipeWriter().stream();
    const snapshots = await snapshotsOf(stream.partialObjects);
    const response = await stream.response();
    expect(response.object).toEqual(RECIPE);
    expect(response.outputMode).toBe("json");
    expect(response.content).toBe(FENCED);
    expect(snapshots.at(-1)).toEqual(RECIPE);

    const [body] = expectRequests(server, 1) as Array<{ messages: Array<{ role: string; content: string }> }>;
    expect(body).not.toHaveProperty("response_format");
    expect(body?.messages.map((message) => message.role)).toEqual(["system", "user"]);
    const system = body?.messages[0]?.content ?? "";
    expect(system).toMatch(/^You cook\.\n\nAnswer with one JSON value only/);
    expect(system).toContain("It is: A recipe.");
    // The schema as written, not its strict form: the note stays optional.
    const schema = JSON.parse(system.slice(system.indexOf("{"))) as { required: string[] };
    expect(schema.required).toEqual(["title", "ingredients"]);
  });

  it("is chosen per prompt instance or per call with `outputMode`, for stream() and call()", async () => {
    const RecipeWriter = recipeWriter();
    server.queue(
      { chunks: createOpenAITextChunks(FENCED) },
      { chunks: createOpenAITextChunks(JSON.stringify(RECIPE)) },
      { json: completionOf(FENCED) },
    );
    const byInstance = await new RecipeWriter({ fruit: "figs" }, { outputMode: "json" }).stream().response();
    const byCall = await new RecipeWriter({ fruit: "figs" }).stream(undefined, { outputMode: "json" }).object();
    const called = await new RecipeWriter({ fruit: "figs" }).call(undefined, { outputMode: "json" });
    expect(byInstance.object).toEqual(RECIPE);
    expect(byInstance.outputMode).toBe("json");
    expect(byCall).toEqual(RECIPE);
    expect(called.object).toEqual(RECIPE);
    expect(called.outputMode).toBe("json");
    for (const body of expectRequests(server, 3) as Array<{ messages: Array<{ content: string }> }>) {
      expect(body).not.toHaveProperty("response_format");
      expect(body.messages[0]?.content).toContain("follows this JSON Schema");
    }
  });
});
