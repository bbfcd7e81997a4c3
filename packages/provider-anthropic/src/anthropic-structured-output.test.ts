/**
 * A prompt's `output` in `json_schema` mode (the Anthropic adapter's default) through the real
 * `@anthropic-ai/sdk`, from a loopback server: `output_config.format` with the strict schema,
 * partial objects streamed to the object, `call()`, a refusal and an answer cut by `max_tokens`.
 */
import { OutputValidationError } from "@promptstream/core";
import { createAnthropicTextEvents, rejectionOf } from "@promptstream/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  BODY_PARAMS,
  CALL_PARAMS,
  cut,
  growingTowards,
  messageOf,
  RECIPE,
  Recipe,
  STRICT_RECIPE_JSON,
  STRICT_RECIPE_SCHEMA,
  snapshotsOf,
} from "./anthropic-structured-output.test-support.js";
import { useScriptedServer } from "./anthropic-tools.test-support.js";
import { AnthropicPrompt } from "./index.js";

const server = useScriptedServer();

/** The events that stream `text` in pieces of `size` characters, one event per network write. */
function jsonEvents(text: string, size = 6, stopReason = "end_turn") {
  return { events: createAnthropicTextEvents(text, { split: (all) => cut(all, size), stopReason }), eventDelayMs: 1 };
}

function recipeWriter(callParams: object = CALL_PARAMS) {
  return class RecipeWriter extends AnthropicPrompt({
    template: "SYSTEM: You cook.\nUSER: A recipe with {fruit}",
    output: { schema: Recipe, name: "recipe" },
    callParams,
    client: server.client,
  }) {};
}

describe("a prompt's output in json_schema mode", () => {
  it("sends output_config.format with the strict schema, and nothing else for it", async () => {
    const { bodies } = server.answer(jsonEvents(STRICT_RECIPE_JSON));
    const RecipeWriter = recipeWriter();
    await new RecipeWriter({ fruit: "apples" }).stream().object();
    expect(bodies()).toEqual([
      {
        ...BODY_PARAMS,
        output_config: { format: { type: "json_schema", schema: STRICT_RECIPE_SCHEMA } },
        system: "You cook.",
        messages: [{ role: "user", content: "A recipe with apples" }],
        stream: true,
      },
    ]);
  });

  it("keeps the user's own output_config fields, such as effort, beside the format", async () => {
    const { bodies } = server.answer(jsonEvents(STRICT_RECIPE_JSON));
    const RecipeWriter = recipeWriter({ ...CALL_PARAMS, output_config: { effort: "low" } });
    await new RecipeWriter({ fruit: "pears" }).stream().object();
    expect(bodies()[0]?.output_config).toEqual({
      effort: "low",
      format: { type: "json_schema", schema: STRICT_RECIPE_SCHEMA },
    });
  });

  it("streams the JSON as text, and partial objects growing to the object (the note's null left out)", async () => {
    server.answer(jsonEvents(STRICT_RECIPE_JSON, 5));
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter({ fruit: "apples" }).stream();
    const snapshots = await snapshotsOf(stream.partialObjects);
    const response = await stream.response();

    expect(snapshots.length).toBeGreaterThan(8);
    expect(growingTowards(snapshots, RECIPE)).toBe(true);
    expect(snapshots.at(-1)).toEqual(RECIPE);
    expect(await stream.object()).toEqual(RECIPE);
    expect(response.object).toEqual(RECIPE);
    expect("note" in response.object).toBe(false);
    expect(response.outputMode).toBe("json_schema");
    expect(response.content).toBe(STRICT_RECIPE_JSON);
    expect(response.finishReason).toBe("stop");
    expect(response.contentBlocks).toEqual([{ type: "text", text: STRICT_RECIPE_JSON }]);
  });

  it("gives the text pieces as they came through textStream", async () => {
    server.answer(jsonEvents(STRICT_RECIPE_JSON, 9));
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter({ fruit: "apples" }).stream();
    const pieces: string[] = [];
    for await (const piece of stream.textStream) pieces.push(piece);
    expect(pieces).toEqual(cut(STRICT_RECIPE_JSON, 9));
    expect(await stream.object()).toEqual(RECIPE);
  });

  it("gives response.object from call(), from the message's text block, with the same output_config", async () => {
    const { bodies } = server.answer({ json: messageOf([{ type: "text", text: STRICT_RECIPE_JSON }]) });
    const RecipeWriter = recipeWriter();
    const response = await new RecipeWriter({ fruit: "apples" }).call();
    expectTypeOf(response.object).toEqualTypeOf<z.infer<typeof Recipe>>();
    expect(response.object).toEqual(RECIPE);
    expect(response.outputMode).toBe("json_schema");
    expect(response.message).toEqual({ role: "assistant", content: STRICT_RECIPE_JSON });
    const [body] = bodies();
    expect(body?.output_config).toEqual({ format: { type: "json_schema", schema: STRICT_RECIPE_SCHEMA } });
    expect(body?.stream).not.toBe(true);
  });
});

describe("a json_schema answer that is not the object", () => {
  it("fails with code 'refusal' on stop_reason refusal, streamed and not, quoting what the model wrote", async () => {
    const said = "I can't help with that request.";
    server.answer(
      { events: createAnthropicTextEvents(said, { stopReason: "refusal" }) },
      { json: messageOf([{ type: "text", text: said }], "refusal") },
    );
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter({ fruit: "apples" }).stream();
    const streamed = (await rejectionOf(stream.object())) as OutputValidationError;
    const called = (await rejectionOf(new RecipeWriter({ fruit: "apples" }).call())) as OutputValidationError;
    for (const error of [streamed, called]) {
      expect(error).toBeInstanceOf(OutputValidationError);
      expect(error).toMatchObject({ code: "refusal", provider: "anthropic", finishReason: "refusal", text: said });
      expect(error.message).toContain(JSON.stringify(said));
      expect(error.response?.rawFinishReason).toBe("refusal");
    }
    expect(await rejectionOf(stream.response())).toBe(streamed);
  });

  it("fails with code 'length' when max_tokens cuts the JSON, after the partial objects of what arrived", async () => {
    const text = STRICT_RECIPE_JSON.slice(0, STRICT_RECIPE_JSON.indexOf("flour") + 2);
    server.answer(jsonEvents(text, 6, "max_tokens"), {
      json: messageOf([{ type: "text", text }], "max_tokens"),
    });
    const RecipeWriter = recipeWriter();
    const stream = new RecipeWriter({ fruit: "apples" }).stream();
    const partials: unknown[] = [];
    const streamed = (await rejectionOf(
      (async () => {
        for await (const partial of stream.partialObjects) partials.push(partial);
      })(),
    )) as OutputValidationError;
    const called = (await rejectionOf(new RecipeWriter({ fruit: "apples" }).call())) as OutputValidationError;
    for (const error of [streamed, called]) {
      expect(error).toBeInstanceOf(OutputValidationError);
      expect(error).toMatchObject({ code: "length", finishReason: "length", text, value: undefined });
      expect(error.message).toContain("maxTokens");
    }
    expect(partials.at(-1)).toEqual({ title: "Apple pie", ingredients: [RECIPE.ingredients[0], { name: "fl" }] });
  });
});
