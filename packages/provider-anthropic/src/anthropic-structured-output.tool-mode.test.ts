/**
 * A prompt's `output` in `tool` mode through the real `@anthropic-ai/sdk`, from a loopback
 * server: one tool whose input is the answer, forced by `tool_choice`; its `input_json_delta`s
 * stream as the answer's text and partial objects, and it is never a tool call.
 */
import { OutputValidationError } from "@promptstream/core";
import { createAnthropicToolUseEvents, rejectionOf, thrownBy } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import {
  BODY_PARAMS,
  CALL_PARAMS,
  cut,
  growingTowards,
  messageOf,
  RECIPE,
  RECIPE_SCHEMA,
  Recipe,
  snapshotsOf,
} from "./anthropic-structured-output.test-support.js";
import { getWeather, labelOf, useScriptedServer } from "./anthropic-tools.test-support.js";
import { AnthropicPrompt } from "./index.js";

const server = useScriptedServer();
const RECIPE_JSON = JSON.stringify(RECIPE);

/** The events of a forced call of the output tool whose input streams in pieces of `size` characters. */
function toolEvents(input: string, size = 6, options: { text?: string; stopReason?: string } = {}) {
  const block = { id: "toolu_recipe", name: "recipe", input: ["", ...cut(input, size)] };
  const blocks = options.text === undefined ? [block] : [options.text, block];
  return { events: createAnthropicToolUseEvents(blocks, { stopReason: options.stopReason }), eventDelayMs: 1 };
}

class RecipeWriter extends AnthropicPrompt({
  template: "USER: A recipe with {fruit}",
  output: { schema: Recipe, name: "recipe", description: "A recipe", mode: "tool" },
  callParams: CALL_PARAMS,
}) {}

function write(fruit = "apples") {
  return new RecipeWriter({ fruit }, { client: server.client });
}

describe("a prompt's output in tool mode", () => {
  it("sends the one output tool, with the schema as written, and a tool_choice that forces it", async () => {
    const { bodies } = server.answer(toolEvents(RECIPE_JSON));
    await write().stream().object();
    expect(bodies()).toEqual([
      {
        ...BODY_PARAMS,
        tools: [{ name: "recipe", description: "A recipe", input_schema: RECIPE_SCHEMA }],
        tool_choice: { type: "tool", name: "recipe" },
        messages: [{ role: "user", content: "A recipe with apples" }],
        stream: true,
      },
    ]);
  });

  it("streams the tool's input_json_deltas as the chunks' content and as partial objects, never as a tool call", async () => {
    server.answer(toolEvents(RECIPE_JSON, 5));
    const stream = write().stream();
    const labels: string[] = [];
    const contents: string[] = [];
    const finishReasons: string[] = [];
    const snapshots: unknown[] = [];
    for await (const chunk of stream) {
      labels.push(labelOf(chunk));
      contents.push(chunk.content);
      if (chunk.finishReason !== undefined) finishReasons.push(chunk.finishReason);
      expect(chunk.toolCallDeltas).toBeUndefined();
    }
    expect(labels.filter((label) => label.startsWith("tool-call"))).toEqual([]);
    expect(finishReasons).toEqual(["stop"]);
    expect(contents.filter((content) => content !== "")).toEqual(cut(RECIPE_JSON, 5));

    server.answer(toolEvents(RECIPE_JSON, 5));
    const again = write().stream();
    snapshots.push(...(await snapshotsOf(again.partialObjects)));
    expect(snapshots.length).toBeGreaterThan(8);
    expect(growingTowards(snapshots as Array<{ title?: string }>, RECIPE)).toBe(true);
    expect(snapshots.at(-1)).toEqual(RECIPE);
    expect(await again.object()).toEqual(RECIPE);
  });

  it("gives the input as textStream, and a response whose object and message content are the answer, without tool calls", async () => {
    server.answer(toolEvents(RECIPE_JSON, 7));
    const stream = write().stream();
    const pieces: string[] = [];
    for await (const piece of stream.textStream) pieces.push(piece);
    const response = await stream.response();
    expect(pieces).toEqual(cut(RECIPE_JSON, 7));
    expect(response.object).toEqual(RECIPE);
    expect(response.outputMode).toBe("tool");
    expect(response.content).toBe(RECIPE_JSON);
    expect(response.message).toEqual({ role: "assistant", content: RECIPE_JSON });
    expect(response.rawToolCalls).toBeUndefined();
    // The forced call is the answer: it ends the answer as any other would.
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe("tool_use");
    expect(response.contentBlocks).toEqual([{ type: "tool_use", id: "toolu_recipe", name: "recipe", input: RECIPE }]);
  });

  it("keeps a text block the model wrote before the tool out of the answer (it stays in the content blocks)", async () => {
    const text = "Here is a recipe.";
    server.answer(toolEvents(RECIPE_JSON, 6, { text }));
    const stream = write().stream();
    const response = await stream.response();
    expect(response.object).toEqual(RECIPE);
    expect(response.content).toBe(RECIPE_JSON);
    expect(response.contentBlocks[0]).toEqual({ type: "text", text });

    server.answer({
      json: messageOf(
        [
          { type: "text", text },
          { type: "tool_use", id: "toolu_recipe", name: "recipe", input: RECIPE },
        ],
        "tool_use",
      ),
    });
    const called = await write().call();
    expect(called.object).toEqual(RECIPE);
    expect(called.content).toBe(RECIPE_JSON);
  });

  it("gives response.object from call(), from the message's tool_use block", async () => {
    const { bodies } = server.answer({
      json: messageOf([{ type: "tool_use", id: "toolu_recipe", name: "recipe", input: RECIPE }], "tool_use"),
    });
    const response = await write().call();
    expect(response.object).toEqual(RECIPE);
    expect(response.outputMode).toBe("tool");
    expect(response.message).toEqual({ role: "assistant", content: RECIPE_JSON });
    expect(response.rawToolCalls).toBeUndefined();
    expect(response.finishReason).toBe("stop");
    expect(bodies()[0]).toMatchObject({ tool_choice: { type: "tool", name: "recipe" } });
  });

  it("fails with code 'length' when max_tokens cuts the tool's input, after the partial objects of what arrived", async () => {
    const input = RECIPE_JSON.slice(0, RECIPE_JSON.indexOf("flour") + 3);
    server.answer(toolEvents(input, 6, { stopReason: "max_tokens" }));
    const stream = write().stream();
    const partials: unknown[] = [];
    const error = (await rejectionOf(
      (async () => {
        for await (const partial of stream.partialObjects) partials.push(partial);
      })(),
    )) as OutputValidationError;
    expect(error).toBeInstanceOf(OutputValidationError);
    expect(error).toMatchObject({ code: "length", finishReason: "length", text: input });
    expect(partials.at(-1)).toEqual({ title: "Apple pie", ingredients: [RECIPE.ingredients[0], { name: "flo" }] });
  });

  it("fails with code 'refusal' on stop_reason refusal", async () => {
    server.answer(toolEvents('{"title": "', 6, { stopReason: "refusal" }));
    const error = (await rejectionOf(write().stream().object())) as OutputValidationError;
    expect(error).toBeInstanceOf(OutputValidationError);
    expect(error).toMatchObject({ code: "refusal", finishReason: "refusal", provider: "anthropic" });
  });

  it("quotes the refusal's text, which in tool mode comes as text instead of the tool's input", async () => {
    const refusal = "I can't help with that recipe.";
    server.answer({ events: createAnthropicToolUseEvents([refusal], { stopReason: "refusal" }), eventDelayMs: 1 });
    const error = (await rejectionOf(write().stream().object())) as OutputValidationError;
    expect(error).toMatchObject({ code: "refusal", text: refusal });
    expect(error.message).toContain(refusal);
    server.answer({
      json: {
        id: "msg_refusal",
        type: "message",
        role: "assistant",
        model: "claude-haiku-4-5",
        content: [{ type: "text", text: refusal }],
        stop_reason: "refusal",
        stop_sequence: null,
        usage: { input_tokens: 12, output_tokens: 8 },
      },
    });
    const viaCall = (await rejectionOf(write().call())) as OutputValidationError;
    expect(viaCall).toMatchObject({ code: "refusal", text: refusal });
  });

  it("is refused beside the prompt's own tools, or beside native tools or tool_choice in the params, before sending", async () => {
    const before = server.requestCount;
    class Agent extends AnthropicPrompt({
      template: "USER: A recipe",
      tools: [getWeather],
      output: { schema: Recipe, mode: "tool" },
      client: server.client,
    }) {}
    expect(thrownBy(() => new Agent().stream())).toMatchObject({ name: "CallParamsError", param: "outputMode" });
    for (const params of [{ tools: [] }, { tool_choice: { type: "auto" } }] as const) {
      await expect(write().call(params as never)).rejects.toMatchObject({
        name: "CallParamsError",
        code: "invalid_param",
        param: Object.keys(params)[0],
      });
    }
    expect(server.requestCount).toBe(before);
  });
});
