/**
 * @module The JSON Schema a tool sends for its arguments: an object schema, read by `jsonSchemaOf`.
 */
import { ToolDefinitionError } from "../errors/tool-definition-error.js";
import { jsonSchemaOf } from "../prompt/json-schema-of.js";

/** The JSON Schema to send for a tool's `parameters`, without `$schema` (which providers do not take). */
export function toToolJsonSchema(toolName: string, parameters: unknown): Readonly<Record<string, unknown>> {
  const schema = jsonSchemaOf(parameters, {
    name: `Tool "${toolName}"`,
    typeName: "Args",
    fail: (message, code) => new ToolDefinitionError(message, { code, toolName }),
  });
  if (schema.type !== "object") {
    throw new ToolDefinitionError(
      `Tool "${toolName}": the arguments must be described by an object schema (JSON Schema "type": "object"); ` +
        `got ${JSON.stringify(schema.type ?? null)}. Wrap them in an object, e.g. z.object({ ... }).`,
      { code: "invalid_json_schema", toolName },
    );
  }
  return schema;
}
