/**
 * @module The JSON Schema a validator describes, for what is sent to a provider (a tool's
 * arguments, a structured output). It comes from the validator's own JSON Schema support (the
 * Standard JSON Schema interface: zod 4, arktype, valibot through `toStandardJsonSchema`), or is
 * given as is: promptstream never walks a validator's internals.
 */
import type { StandardSchemaV1 } from "./standard-schema.js";

/** A JSON Schema object with the type of the values it describes, made by {@link jsonSchema}. */
export interface JsonSchemaParameters<TArgs> {
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  /** Types only, never set. */
  readonly "~types"?: { readonly args: TArgs } | undefined;
}

/**
 * A JSON Schema, typed with the values it describes: a tool's arguments, or a prompt's `output`.
 * Such values are checked to be JSON (an object, for a tool), not validated against the schema:
 * use a validator to validate.
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

/** Why no JSON Schema could be read. */
type JsonSchemaProblem = "no_json_schema" | "invalid_json_schema";

/** How {@link jsonSchemaOf} words its errors, and makes them. */
export interface JsonSchemaSubject {
  /** What the schema is for, starting each message (e.g. `Tool "weather"`). */
  readonly name: string;
  /** The type parameter the advice names, e.g. `Args` in `jsonSchema<Args>({ ... })`. */
  readonly typeName: string;
  readonly fail: (message: string, problem: JsonSchemaProblem) => Error;
}

/**
 * The JSON Schema of a validator, a `jsonSchema()` wrapper or a JSON Schema, without `$schema`
 * (which providers do not take).
 */
export function jsonSchemaOf(value: unknown, subject: JsonSchemaSubject): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = readJsonSchema(value, subject);
  return rest;
}

function readJsonSchema(value: unknown, { name: subject, typeName, fail }: JsonSchemaSubject): Record<string, unknown> {
  if (typeof value !== "object" || value === null) {
    throw fail(`${subject}: expected a validator (e.g. z.object(...)) or a JSON Schema object.`, "invalid_json_schema");
  }
  if ("~standard" in value) {
    const props = (value as StandardSchemaV1)["~standard"] as StandardSchemaV1.Props & StandardJsonSchemaProps;
    if (props.jsonSchema === undefined) {
      throw fail(
        `${subject}: the ${props.vendor} schema cannot produce JSON Schema, which the provider needs. ` +
          'Use zod 4 or arktype, wrap a valibot schema with toStandardJsonSchema() from "@valibot/to-json-schema", ' +
          `or give a JSON Schema with jsonSchema<${typeName}>({ ... }).`,
        "no_json_schema",
      );
    }
    try {
      // The input schema: what the model must write (fields with defaults may be left out).
      return props.jsonSchema.input({ target: "draft-2020-12" });
    } catch (cause) {
      throw fail(
        `${subject}: the ${props.vendor} schema could not be turned into JSON Schema: ${String(cause)}`,
        "invalid_json_schema",
      );
    }
  }
  // A `jsonSchema()` wrapper; a JSON Schema itself has a "type".
  if ("jsonSchema" in value && !("type" in value) && typeof value.jsonSchema === "object") {
    return { ...(value.jsonSchema as Record<string, unknown>) };
  }
  return { ...(value as Record<string, unknown>) };
}
