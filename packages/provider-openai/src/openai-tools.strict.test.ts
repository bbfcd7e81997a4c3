/**
 * OpenAI's strict function calling: a strict tool is sent with `strict: true` when its schema
 * follows strict mode's rules, and refused before sending, with what to change, when it does not.
 */
import { CallParamsError, defineTool, jsonSchema, type ToolParameters } from "@promptstream/core";
import { createOpenAITextChunks, thrownBy } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIPrompt } from "./index.js";
import { expectRequests, STREAM_FIELDS, useToolServer } from "./openai-tools.test-support.js";

const tools = useToolServer();

function tripPrompt(parameters: ToolParameters, strict: boolean | undefined) {
  const tool = defineTool({ name: "plan_trip", description: "Plans a trip", parameters, strict });
  return class Trip extends OpenAIPrompt({ template: "Plan a trip", tools: [tool], client: tools.client }) {};
}

/** The error stream() throws for a strict prompt with these parameters; no request may have been sent. */
async function refusal(parameters: ToolParameters): Promise<CallParamsError> {
  const Trip = tripPrompt(parameters, true);
  const failure = thrownBy(() => new Trip().stream());
  expect(failure).toBeInstanceOf(CallParamsError);
  expect(failure).toMatchObject({ code: "invalid_param", param: "tools", provider: "openai" });
  expect((failure as Error).message).toContain('Tool "plan_trip" is `strict`');
  await expect(new Trip().call()).rejects.toBeInstanceOf(CallParamsError);
  expectRequests(tools, 0);
  return failure as CallParamsError;
}

describe("a strict tool", () => {
  it("is sent with strict: true and its schema unchanged when the schema follows strict mode's rules", async () => {
    const Trip = tripPrompt(
      z.strictObject({
        city: z.string().describe("Where to"),
        nights: z.number().int().min(1),
        budget: z.number().nullable(),
        stops: z.array(z.strictObject({ name: z.string(), kind: z.enum(["museum", "park"]) })).max(5),
        start: z.iso.date(),
        mode: z.union([z.literal("train"), z.literal("plane")]),
      }),
      true,
    );
    tools.queue({ chunks: createOpenAITextChunks("Done.") });
    await new Trip().stream().text();
    const [body] = expectRequests(tools, 1);
    const parameters = (body as { tools: Array<{ function: { parameters: object } }> }).tools[0]?.function.parameters;
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Plan a trip" }],
      tools: [
        { type: "function", function: { name: "plan_trip", description: "Plans a trip", parameters, strict: true } },
      ],
      ...STREAM_FIELDS,
    });
    expect(parameters).toMatchObject({
      additionalProperties: false,
      required: ["city", "nights", "budget", "stops", "start", "mode"],
      properties: { budget: { type: ["number", "null"] }, stops: { items: { additionalProperties: false } } },
    });
  });

  it("is refused when an object does not set additionalProperties: false, naming where", async () => {
    const failure = await refusal(z.object({ city: z.string() }));
    expect(failure.message).toContain('at #: an object must set "additionalProperties": false');
    expect(failure.message).toContain("z.strictObject");
  });

  it("is refused when a property is not listed in required, as .optional() and .default() leave it", async () => {
    const failure = await refusal(
      z.strictObject({ city: z.string(), nights: z.number().optional(), unit: z.enum(["c", "f"]).default("c") }),
    );
    expect(failure.message).toContain('at #: every property must be listed in "required"; add "nights", "unit"');
    expect(failure.message).toContain('at #/properties/unit: "default" is not supported');
  });

  it("is refused for keywords strict mode does not support, each named with its place", async () => {
    const failure = await refusal(
      z.strictObject({
        name: z.string().min(2),
        site: z.url(),
        pair: z.tuple([z.string(), z.number()]),
      }),
    );
    expect(failure.message).toContain('at #/properties/name: "minLength" is not supported');
    expect(failure.message).toContain('at #/properties/site: the format "uri" is not supported');
    expect(failure.message).toContain('at #/properties/pair: "prefixItems" is not supported');
  });

  it("is checked in nested objects, array items, anyOf branches and $defs", async () => {
    const failure = await refusal(
      jsonSchema({
        type: "object",
        additionalProperties: false,
        required: ["place", "tags", "when"],
        properties: {
          place: { $ref: "#/$defs/place" },
          tags: { type: "array", items: { type: "object", properties: { tag: { type: "string" } } } },
          when: { anyOf: [{ type: "string" }, { type: "object", properties: {}, additionalProperties: true }] },
        },
        $defs: { place: { type: "object", properties: { city: { type: "string" } }, additionalProperties: false } },
      }),
    );
    expect(failure.message).toContain('at #/properties/tags/items: an object must set "additionalProperties": false');
    expect(failure.message).toContain(
      'at #/properties/tags/items: every property must be listed in "required"; add "tag"',
    );
    expect(failure.message).toContain('at #/properties/when/anyOf/1: an object must set "additionalProperties": false');
    expect(failure.message).toContain('at #/$defs/place: every property must be listed in "required"; add "city"');
  });

  it("is not checked when the tool is not strict: its schema is sent as it is", async () => {
    const Trip = tripPrompt(z.object({ name: z.string().min(2), nights: z.number().optional() }), undefined);
    tools.queue({ chunks: createOpenAITextChunks("Done.") });
    await new Trip().stream().text();
    const [body] = expectRequests(tools, 1);
    expect((body as { tools: unknown }).tools).toEqual([
      {
        type: "function",
        function: {
          name: "plan_trip",
          description: "Plans a trip",
          parameters: {
            type: "object",
            properties: { name: { type: "string", minLength: 2 }, nights: { type: "number" } },
            required: ["name"],
          },
        },
      },
    ]);
  });
});
