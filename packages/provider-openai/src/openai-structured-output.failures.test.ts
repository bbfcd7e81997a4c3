/**
 * When a prompt's `output` fails with OpenAI, through the real `openai` SDK from a loopback
 * server: a refusal, an answer cut by the token limit, a schema strict mode cannot take or a
 * native `response_format` beside `output` (refused before sending), and `reask`.
 */
import { CallParamsError, OutputValidationError } from "@promptstream/core";
import { rejectionOf, thrownBy } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import { completionOf, jsonChunks, RECIPE, RECIPE_JSON, Recipe } from "./openai-structured-output.test-support.js";
import { expectRequests, useToolServer } from "./openai-tools.test-support.js";

/** The tool tests' server: it answers each request with the script queued next. */
const server = useToolServer();

const REFUSAL = "I'm sorry, I can't help with that.";

/** Chunks of a refusal: OpenAI streams it as `delta.refusal`, with no content, and finishes with `stop`. */
function refusalChunks(text: string): object[] {
  const base = { id: "chatcmpl-refusal", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o" };
  const chunkOf = (delta: object, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  return [
    chunkOf({ role: "assistant", content: null, refusal: "" }),
    ...text.split(/(?<= )/).map((piece) => chunkOf({ refusal: piece })),
    chunkOf({}, "stop"),
  ];
}

function recipeWriter(output: z.ZodType = Recipe, reask = 0) {
  return class RecipeWriter extends OpenAIPrompt({
    template: "USER: A recipe with apples",
    output: { schema: output, reask },
    client: server.client,
  }) {};
}

describe("a structured answer that is not the object asked for", () => {
  it("fails with code 'refusal' and the refusal text when OpenAI refuses (delta.refusal), streamed and not", async () => {
    server.queue({ chunks: refusalChunks(REFUSAL) }, { json: completionOf(null, { refusal: REFUSAL }) });
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter().stream();
    const streamed = (await rejectionOf(stream.object())) as OutputValidationError;
    const called = (await rejectionOf(new RecipeWriter().call())) as OutputValidationError;
    for (const error of [streamed, called]) {
      expect(error).toBeInstanceOf(OutputValidationError);
      expect(error).toMatchObject({ code: "refusal", provider: "openai", finishReason: "refusal", text: "" });
      expect(error.message).toContain(JSON.stringify(REFUSAL));
      expect(error.response).toMatchObject({ refusal: REFUSAL, content: "" });
    }
    expect(await rejectionOf(stream.response())).toBe(streamed);
  });

  it("fails with code 'length' when finish_reason 'length' cuts the JSON, keeping the text", async () => {
    const text = RECIPE_JSON.slice(0, RECIPE_JSON.indexOf("flour") + 3);
    server.queue({ chunks: jsonChunks(text, 6, "length") }, { json: completionOf(text, { finishReason: "length" }) });
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter().stream();
    const partials: unknown[] = [];
    const streamed = (await rejectionOf(
      (async () => {
        for await (const partial of stream.partialObjects) partials.push(partial);
      })(),
    )) as OutputValidationError;
    const called = (await rejectionOf(new RecipeWriter().call())) as OutputValidationError;
    for (const error of [streamed, called]) {
      expect(error).toBeInstanceOf(OutputValidationError);
      expect(error).toMatchObject({ code: "length", finishReason: "length", text });
      expect(error.message).toContain("maxTokens");
    }
    // What arrived was given as partial objects before the failure.
    expect(partials.at(-1)).toEqual({ title: "Apple pie", ingredients: [RECIPE.ingredients[0], { name: "flo" }] });
  });

  it("fails with code 'schema_mismatch' and the issues when the JSON breaks the schema", async () => {
    const wrong = JSON.stringify({ title: "Pie", ingredients: [{ name: "apple", grams: "lots" }], note: null });
    server.queue({ chunks: jsonChunks(wrong) });
    const RecipeWriter = recipeWriter();
    const error = (await rejectionOf(new RecipeWriter().stream().object())) as OutputValidationError;
    expect(error).toMatchObject({ code: "schema_mismatch", text: wrong });
    expect(error.value).toEqual({ title: "Pie", ingredients: [{ name: "apple", grams: "lots" }] });
    expect(error.issues[0]?.path).toEqual(["ingredients", 0, "grams"]);
  });
});

describe("an output OpenAI cannot be asked for", () => {
  /** The error stream() throws before sending; call() rejects with the same kind, and no request goes out. */
  async function refused(RecipeWriter: ReturnType<typeof recipeWriter>, params?: object): Promise<CallParamsError> {
    const error = thrownBy(() => new RecipeWriter().stream(params as never));
    expect(error).toBeInstanceOf(CallParamsError);
    await expect(new RecipeWriter().call(params as never)).rejects.toBeInstanceOf(CallParamsError);
    expectRequests(server, 0);
    return error as CallParamsError;
  }

  it("refuses a schema strict mode cannot take (a string's minLength), naming where and what to do", async () => {
    const error = await refused(recipeWriter(z.object({ title: z.string().min(3) })));
    expect(error).toMatchObject({ code: "invalid_param", param: "output", provider: "openai" });
    expect(error.message).toContain("strict-mode rules");
    expect(error.message).toContain('at #/properties/title: "minLength" is not supported');
    expect(error.message).toContain('"json" mode');
  });

  it("refuses a record (keys strict mode cannot list), naming additionalProperties", async () => {
    const error = await refused(recipeWriter(z.object({ stock: z.record(z.string(), z.number()) })));
    expect(error.message).toContain('at #/properties/stock: an object must set "additionalProperties": false');
  });

  it("sends the same schema in json mode, where OpenAI does not check it", async () => {
    server.queue({ chunks: jsonChunks('{"title":"Pie"}') });
    const RecipeWriter = recipeWriter(z.object({ title: z.string().min(3) }));
    const object = await new RecipeWriter().stream(undefined, { outputMode: "json" }).object();
    expect(object).toEqual({ title: "Pie" });
    expect(expectRequests(server, 1)[0]).not.toHaveProperty("response_format");
  });

  it("refuses OpenAI's native response_format in the call params beside `output`", async () => {
    const error = await refused(recipeWriter(), { response_format: { type: "json_object" } });
    expect(error).toMatchObject({ code: "invalid_param", param: "response_format", provider: "openai" });
    expect(error.message).toContain("give the format one way only");
  });

  it('refuses "tool" mode, which the OpenAI adapter does not declare', async () => {
    const error = thrownBy(() => new (recipeWriter())().stream(undefined, { outputMode: "tool" }));
    expect(error).toBeInstanceOf(CallParamsError);
    expect((error as CallParamsError).message).toContain('supports "json_schema", "json"');
    expectRequests(server, 0);
  });
});

describe("reask", () => {
  it("sends a second request holding the bad answer and the issues, then gives the valid object", async () => {
    const wrong = JSON.stringify({ title: "Pie", ingredients: [{ name: "apple" }], note: null });
    server.queue({ chunks: jsonChunks(wrong) }, { chunks: jsonChunks(RECIPE_JSON) });
    const RecipeWriter = recipeWriter(Recipe, 1);
    const stream = new RecipeWriter().stream();
    expect(await stream.object()).toEqual(RECIPE);
    expect(stream.attempts).toBe(2);

    const [first, second] = expectRequests(server, 2) as Array<{
      messages: Array<{ role: string; content: string }>;
      response_format: unknown;
    }>;
    expect(second?.response_format).toEqual(first?.response_format);
    expect(second?.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(second?.messages[1]?.content).toBe(wrong);
    expect(second?.messages[2]?.content).toContain("ingredients.0.grams");
    expect(second?.messages[2]?.content).toContain("Answer again");
  });

  it("gives up after the reasks allowed with the last answer's error; call() does the same", async () => {
    const wrong = JSON.stringify({ title: 3, ingredients: [], note: null });
    server.queue({ chunks: jsonChunks(wrong) }, { chunks: jsonChunks(wrong) });
    const error = (await rejectionOf(new (recipeWriter(Recipe, 1))().call())) as OutputValidationError;
    expect(error).toMatchObject({ code: "schema_mismatch", text: wrong });
    expect(expectRequests(server, 2)).toHaveLength(2);
  });
});
