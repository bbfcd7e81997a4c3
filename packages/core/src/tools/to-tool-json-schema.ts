/**
 * @module The JSON Schema a tool sends for its arguments. It comes from the validator's own
 * JSON Schema support (the Standard JSON Schema interface: zod 4, arktype, valibot through
 * `toStandardJsonSchema`), or is given as is: promptstream never walks a validator's internals.
 */
import { ToolDefinitionError } from "../errors/tool-definition-error.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";

/** A JSON Schema object with the type of the arguments it describes, made by {@link jsonSchema}. */
export interface JsonSchemaParameters<TArgs> {
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  /** Types only, never set. */
  readonly "~types"?: { readonly args: TArgs } | undefined;
}

/**
 * A JSON Schema for a tool's arguments, typed with the arguments it describes. Such arguments are
 * checked to be a JSON object, not validated against the schema: use a validator to validate.
 *
 * @example
 * const parameters = jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] });
 */
export function jsonSchema<TArgs = { readonly [key: string]: unknown }>(
  schema: Readonly<Record<string, unknown>>,
): JsonSchemaParameters<TArgs> {
  return { jsonSchema: schema };
}

/** What a Standard Schema exposes when it also implements Standard JSON Schema. */
interface StandardJsonSchemaProps {
  readonly jsonSchema?: {
    readonly input: (options: { readonly target: string }) => Record<string, unknown>;
  };
}

/** The JSON Schema to send for a tool's `parameters`, without `$schema` (which providers do not take). */
export function toToolJsonSchema(toolName: string, parameters: unknown): Readonly<Record<string, unknown>> {
  const schema = readJsonSchema(toolName, parameters);
  if (schema.type !== "object") {
    throw new ToolDefinitionError(
      `Tool "${toolName}": the arguments must be described by an object schema (JSON Schema "type": "object"); ` +
        `got ${JSON.stringify(schema.type ?? null)}. Wrap them in an object, e.g. z.object({ ... }).`,
      { code: "invalid_json_schema", toolName },
    );
  }
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function readJsonSchema(toolName: string, parameters: unknown): Record<string, unknown> {
  if (typeof parameters !== "object" || parameters === null) {
    throw new ToolDefinitionError(
      `Tool "${toolName}": \`parameters\` must be a validator (e.g. z.object(...)) or a JSON Schema object.`,
      { code: "invalid_json_schema", toolName },
    );
  }
  if ("~standard" in parameters) {
    const props = (parameters as StandardSchemaV1)["~standard"] as StandardSchemaV1.Props & StandardJsonSchemaProps;
    if (props.jsonSchema === undefined) {
      throw new ToolDefinitionError(
        `Tool "${toolName}": the ${props.vendor} schema cannot produce JSON Schema, which the provider needs. ` +
          'Use zod 4 or arktype, wrap a valibot schema with toStandardJsonSchema() from "@valibot/to-json-schema", ' +
          "or give a JSON Schema with jsonSchema<Args>({ ... }).",
        { code: "no_json_schema", toolName },
      );
    }
    try {
      // The input schema: what the model must write (fields with defaults may be left out).
      return props.jsonSchema.input({ target: "draft-2020-12" });
    } catch (cause) {
      throw new ToolDefinitionError(
        `Tool "${toolName}": the ${props.vendor} schema could not be turned into JSON Schema: ${String(cause)}`,
        { code: "invalid_json_schema", toolName },
      );
    }
  }
  // A `jsonSchema()` wrapper; a JSON Schema itself has a "type".
  if ("jsonSchema" in parameters && !("type" in parameters) && typeof parameters.jsonSchema === "object") {
    return { ...(parameters.jsonSchema as Record<string, unknown>) };
  }
  return { ...(parameters as Record<string, unknown>) };
}
