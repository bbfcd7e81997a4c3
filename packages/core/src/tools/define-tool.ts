/**
 * @module `defineTool`: a typed tool from a name, a description, a schema for its arguments and,
 * optionally, the function that runs it.
 */
import { ToolDefinitionError } from "../errors/tool-definition-error.js";
import type { JsonSchemaParameters } from "../prompt/json-schema-of.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";
import { toToolJsonSchema } from "./to-tool-json-schema.js";
import type { Tool, ToolArgsResult, ToolContext } from "./tool.js";

/** What a tool's arguments may be described with: a validator, or a JSON Schema. */
export type ToolParameters = StandardSchemaV1 | JsonSchemaParameters<unknown> | Readonly<Record<string, unknown>>;

/** The arguments type a {@link ToolParameters} describes: the validator's output (defaults applied). */
export type ToolParametersOutput<TParameters> = TParameters extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<TParameters>
  : TParameters extends { readonly "~types"?: { readonly args: infer TArgs } | undefined; readonly jsonSchema: object }
    ? TArgs
    : { readonly [key: string]: unknown };

/** The definition {@link defineTool} takes. */
export interface ToolDefinition<TName extends string, TParameters extends ToolParameters, TResult> {
  /** What the model calls it: letters, digits, `_` and `-`, at most 64 characters. */
  readonly name: TName;
  /** What the tool does and when to use it, for the model. */
  readonly description?: string | undefined;
  /**
   * The arguments: a Standard Schema validator that can produce JSON Schema (zod 4, arktype;
   * valibot through `toStandardJsonSchema` from `@valibot/to-json-schema`), or a JSON Schema
   * object (typed with {@link jsonSchema}; such arguments are checked to be a JSON object only).
   */
  readonly parameters: TParameters;
  /** OpenAI strict function calling: the schema's rules are checked before sending. */
  readonly strict?: boolean | undefined;
  /** Runs the tool in the tool loop; leave it out to run calls yourself. */
  readonly execute?:
    | ((args: ToolParametersOutput<TParameters>, context: ToolContext) => TResult | Promise<TResult>)
    | undefined;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Defines a tool the model may call. Its calls are typed from the schema: `args` is the schema's
 * output, and a prompt's `toolCalls` are a union discriminated by `name`.
 *
 * @example
 * const getWeather = defineTool({
 *   name: "get_weather",
 *   description: "Current weather for a city",
 *   parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
 *   execute: async ({ city, unit }, { signal }) => fetchWeather(city, unit, signal),
 * });
 */
// `TResult` is `never` for a tool without `execute`: it has no result, and leaves the others' result types alone.
export function defineTool<const TName extends string, TParameters extends ToolParameters, TResult = never>(
  definition: ToolDefinition<TName, TParameters, TResult>,
): Tool<TName, ToolParametersOutput<TParameters>, TResult> {
  const { name, parameters } = definition;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new ToolDefinitionError(
      `Tool name ${JSON.stringify(name)} is not one the providers accept: use 1 to 64 letters, digits, "_" or "-".`,
      { code: "invalid_tool_name", toolName: String(name) },
    );
  }
  type TArgs = ToolParametersOutput<TParameters>;
  const validator = isStandardSchema(parameters) ? parameters : undefined;
  return {
    name,
    description: definition.description,
    parameters: toToolJsonSchema(name, parameters),
    strict: definition.strict,
    validateArgs(args: unknown): ToolArgsResult<TArgs> | Promise<ToolArgsResult<TArgs>> {
      if (validator !== undefined) return validator["~standard"].validate(args) as ToolArgsResult<TArgs>;
      // A JSON Schema is sent, not enforced here: the arguments must be a JSON object, as every provider sends.
      return isJsonObject(args)
        ? { value: args as TArgs }
        : { issues: [{ message: `expected a JSON object of arguments; got ${describe(args)}` }] };
    },
    execute: definition.execute,
  };
}

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return typeof value === "object" && value !== null && "~standard" in value;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}
