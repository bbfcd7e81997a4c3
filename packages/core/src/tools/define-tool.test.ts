/** `defineTool`: the JSON Schema a tool sends, from each kind of schema, and the definitions it refuses. */
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod3";
import { definePrompt, defineTool, jsonSchema, type ToolDefinitionError } from "../index.js";
import { thrownBy } from "../test-support.js";
import { createToolAdapter } from "./tool-adapter.test-support.js";

function definitionError(action: () => unknown): ToolDefinitionError {
  const error = thrownBy(action);
  expect(error).toMatchObject({ name: "ToolDefinitionError" });
  return error as ToolDefinitionError;
}

describe("defineTool JSON Schema", () => {
  it("sends a zod 4 object's input schema: a field with a default is not required, and no $schema key", () => {
    const tool = defineTool({
      name: "get_weather",
      description: "Current weather for a city",
      parameters: z.object({ city: z.string().describe("The city"), unit: z.enum(["c", "f"]).default("c") }),
    });
    expect(tool.name).toBe("get_weather");
    expect(tool.description).toBe("Current weather for a city");
    expect(tool.strict).toBeUndefined();
    expect(tool.parameters).toEqual({
      type: "object",
      properties: {
        city: { type: "string", description: "The city" },
        unit: { type: "string", enum: ["c", "f"], default: "c" },
      },
      required: ["city"],
    });
    expect(tool.parameters).not.toHaveProperty("$schema");
  });

  it("sends a valibot schema's JSON Schema through toStandardJsonSchema, without $schema", () => {
    const tool = defineTool({
      name: "plan_trip",
      parameters: toStandardJsonSchema(v.object({ city: v.string(), days: v.optional(v.number(), 3) })),
      strict: true,
    });
    expect(tool.parameters).toEqual({
      type: "object",
      properties: { city: { type: "string" }, days: { type: "number", default: 3 } },
      required: ["city"],
    });
    expect(tool.strict).toBe(true);
  });

  it("sends a JSON Schema given with jsonSchema<Args>() as it is, less $schema, and a plain one too", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { query: { type: "string" } },
      required: ["query"],
    };
    const wrapped = defineTool({ name: "search", parameters: jsonSchema<{ query: string }>(schema) });
    const plain = defineTool({ name: "search", parameters: schema });
    const expected = { type: "object", properties: { query: { type: "string" } }, required: ["query"] };
    expect(wrapped.parameters).toEqual(expected);
    expect(plain.parameters).toEqual(expected);
    // The caller's object is left as it was.
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("validates arguments with the validator (defaults applied), and checks JSON Schema arguments are an object", async () => {
    const zodTool = defineTool({
      name: "get_weather",
      parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
    });
    expect(await zodTool.validateArgs({ city: "Paris" })).toEqual({ value: { city: "Paris", unit: "c" } });
    expect((await zodTool.validateArgs({ city: 3 })).issues).toHaveLength(1);

    const jsonTool = defineTool({ name: "search", parameters: jsonSchema<{ query: string }>({ type: "object" }) });
    expect(await jsonTool.validateArgs({ anything: 1 })).toEqual({ value: { anything: 1 } });
    expect(await jsonTool.validateArgs([1])).toEqual({
      issues: [{ message: "expected a JSON object of arguments; got an array" }],
    });
    expect(await jsonTool.validateArgs(null)).toEqual({
      issues: [{ message: "expected a JSON object of arguments; got null" }],
    });
    expect(await jsonTool.validateArgs("text")).toEqual({
      issues: [{ message: "expected a JSON object of arguments; got string" }],
    });
  });
});

describe("defineTool refusals", () => {
  it.each([
    ["an empty name", ""],
    ["a name with a space", "get weather"],
    ["a name with a dot", "weather.get"],
    ["a name of 65 characters", "a".repeat(65)],
  ])("refuses %s with invalid_tool_name", (_label, name) => {
    const error = definitionError(() => defineTool({ name, parameters: z.object({}) }));
    expect(error).toMatchObject({ code: "invalid_tool_name", toolName: name });
    expect(error.message).toContain("1 to 64 letters");
  });

  it("accepts names of letters, digits, _ and -, up to 64 characters", () => {
    expect(defineTool({ name: "a".repeat(64), parameters: z.object({}) }).name).toHaveLength(64);
    expect(defineTool({ name: "Get_weather-2", parameters: z.object({}) }).name).toBe("Get_weather-2");
  });

  it("refuses a zod 3 schema with no_json_schema, naming the fixes", () => {
    const error = definitionError(() =>
      defineTool({ name: "get_weather", parameters: z3.object({ city: z3.string() }) }),
    );
    expect(error).toMatchObject({ code: "no_json_schema", toolName: "get_weather" });
    expect(error.message).toContain("zod schema cannot produce JSON Schema");
    expect(error.message).toContain("Use zod 4");
    expect(error.message).toContain("jsonSchema<Args>");
  });

  it("refuses a plain valibot schema with no_json_schema, naming toStandardJsonSchema", () => {
    const error = definitionError(() => defineTool({ name: "plan_trip", parameters: v.object({ city: v.string() }) }));
    expect(error).toMatchObject({ code: "no_json_schema", toolName: "plan_trip" });
    expect(error.message).toContain("valibot schema cannot produce JSON Schema");
    expect(error.message).toContain('toStandardJsonSchema() from "@valibot/to-json-schema"');
  });

  it.each([
    ["a zod string", () => z.string()],
    ["a zod array", () => z.array(z.string())],
    ["a JSON Schema array", () => jsonSchema({ type: "array" })],
    ["a JSON Schema without a type", () => ({ properties: {} })],
  ])("refuses %s as arguments with invalid_json_schema", (_label, parameters) => {
    const error = definitionError(() => defineTool({ name: "lookup", parameters: parameters() }));
    expect(error).toMatchObject({ code: "invalid_json_schema", toolName: "lookup" });
    expect(error.message).toContain('"type": "object"');
  });

  it("refuses parameters that are neither a validator nor an object", () => {
    const error = definitionError(() =>
      defineTool({ name: "lookup", parameters: "city: string" as unknown as Record<string, unknown> }),
    );
    expect(error).toMatchObject({ code: "invalid_json_schema", toolName: "lookup" });
  });

  it("refuses a validator whose JSON Schema conversion throws, with invalid_json_schema", () => {
    // zod 4 has no JSON Schema for a custom type: its conversion throws.
    const parameters = z.object({ when: z.custom<Date>((value) => value instanceof Date) });
    const error = definitionError(() => defineTool({ name: "remind", parameters }));
    expect(error).toMatchObject({ code: "invalid_json_schema", toolName: "remind" });
    expect(error.message).toContain("could not be turned into JSON Schema");
  });

  it("refuses two tools of one name in a prompt, when the prompt is defined", () => {
    const ToolPrompt = definePrompt(createToolAdapter());
    const first = defineTool({ name: "search", parameters: z.object({ query: z.string() }) });
    const second = defineTool({ name: "search", parameters: z.object({ text: z.string() }) });
    const error = definitionError(() => ToolPrompt({ template: "Find {topic}", tools: [first, second] }));
    expect(error).toMatchObject({ code: "duplicate_tool", toolName: "search" });
  });

  it("refuses a prompt tool that was not made with defineTool", () => {
    const ToolPrompt = definePrompt(createToolAdapter());
    const handMade = { name: "search", parameters: {} } as unknown as ReturnType<typeof defineTool>;
    const error = definitionError(() => ToolPrompt({ template: "Find {topic}", tools: [handMade] }));
    expect(error.message).toContain("made with defineTool");
  });
});
