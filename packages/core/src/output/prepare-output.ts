/**
 * @module A prompt's `output`, read once when the prompt is defined: the JSON Schema to send (an
 * object schema, wrapping any other root), its strict form, how to validate the answer and each
 * element of an array answer, and which mode to ask for on a given adapter.
 */
import type { OutputMode, OutputSpec } from "../adapter/v1/output-spec.js";
import { CallParamsError } from "../errors/call-params-error.js";
import { OutputDefinitionError } from "../errors/output-definition-error.js";
import { jsonSchemaOf } from "../prompt/json-schema-of.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";
import type { OutputDefinition, OutputOptions } from "./output-schema.js";
import { type StrictSchema, toStrictSchema } from "./strict-output-schema.js";

type Schema = Readonly<Record<string, unknown>>;

/** The key an answer whose schema is not an object is wrapped under: providers constrain objects only. */
export const WRAPPER_KEY = "value";

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MODES: readonly OutputMode[] = ["json_schema", "tool", "json"];

/** A schema validation's outcome, as core uses it. */
export type OutputCheck = StandardSchemaV1.Result<unknown>;

/** A prompt's output, ready to be asked for and checked. */
export interface PreparedOutput {
  readonly name: string;
  readonly description: string | undefined;
  /** The mode the definition asks for, if any. */
  readonly mode: OutputMode | undefined;
  readonly reask: number;
  /** The answer is wrapped in `{ "value": ... }` (the schema's root is not an object). */
  readonly wrapped: boolean;
  /** The schema describes an array: `elementStream` yields its elements. */
  readonly isArray: boolean;
  /** The object schema to send in `tool` and `json` modes. */
  readonly schema: Schema;
  /** Its strict form, for `json_schema` mode. */
  readonly strict: StrictSchema;
  /** Validates an answer (unwrapped, nulls restored); a JSON Schema without a validator accepts any JSON. */
  validate(value: unknown): OutputCheck | Promise<OutputCheck>;
}

/** Reads a prompt's `output` (see the module's description); `undefined` without one. */
export function prepareOutput(definition: OutputDefinition | undefined): PreparedOutput | undefined {
  if (definition === undefined) return undefined;
  const options: OutputOptions = isOutputOptions(definition) ? definition : { schema: definition };
  const name = options.name ?? "output";
  if (!NAME.test(name)) {
    throw invalidOption(`\`output.name\` must be 1 to 64 letters, digits, "_" or "-"; got ${JSON.stringify(name)}.`);
  }
  if (options.mode !== undefined && !MODES.includes(options.mode)) {
    throw invalidOption(
      `\`output.mode\` must be one of ${MODES.map((mode) => `"${mode}"`).join(", ")}; got ${JSON.stringify(options.mode)}.`,
    );
  }
  const reask = options.reask ?? 0;
  if (!Number.isInteger(reask) || reask < 0) {
    throw invalidOption(`\`output.reask\` must be a whole number of 0 or more; got ${String(reask)}.`);
  }
  const described = jsonSchemaOf(options.schema, {
    name: "The prompt's `output`",
    typeName: "T",
    fail: (message, code) => new OutputDefinitionError(message, { code }),
  });
  const wrapped = described.type !== "object";
  const schema = wrapped ? wrap(described) : described;
  const validator = "~standard" in options.schema ? (options.schema as StandardSchemaV1)["~standard"] : undefined;
  return {
    name,
    description: options.description,
    mode: options.mode,
    reask,
    wrapped,
    isArray: described.type === "array",
    schema,
    strict: toStrictSchema(schema),
    validate: validator === undefined ? (value) => ({ value }) : (value) => validator.validate(value),
  };
}

/**
 * The mode to ask for: the one the prompt names (refused before sending when the adapter cannot
 * send it), else the adapter's best, else `json`, which every adapter can do.
 */
export function chooseOutputMode(
  output: PreparedOutput,
  requested: OutputMode | undefined,
  adapter: { readonly provider: string; readonly outputModes?: readonly OutputMode[] | undefined },
): OutputMode {
  const declared = adapter.outputModes ?? [];
  const mode = requested ?? output.mode;
  if (mode === undefined) return declared[0] ?? "json";
  if (mode === "json" || declared.includes(mode)) return mode;
  throw new CallParamsError(
    `The ${adapter.provider} adapter cannot ask for structured output in "${mode}" mode; it supports ` +
      `${[...declared, "json"].map((each) => `"${each}"`).join(", ")}. Choose one of them in \`output.mode\` or \`outputMode\`.`,
    { code: "unsupported_param", param: "outputMode", provider: adapter.provider },
  );
}

/** What the adapter is asked for, in a given mode. */
export function outputSpec(output: PreparedOutput, mode: OutputMode): OutputSpec {
  return {
    mode,
    name: output.name,
    description: output.description,
    schema: mode === "json_schema" ? output.strict.schema : output.schema,
  };
}

function isOutputOptions(definition: OutputDefinition): definition is OutputOptions {
  return (
    typeof definition === "object" && definition !== null && "schema" in definition && !("~standard" in definition)
  );
}

/** An object schema with the answer under one key; definitions move to the root, where `$ref`s point. */
function wrap(schema: Schema): Schema {
  const { $defs, definitions, ...inner } = schema;
  return {
    type: "object",
    properties: { [WRAPPER_KEY]: inner },
    required: [WRAPPER_KEY],
    additionalProperties: false,
    ...($defs === undefined ? {} : { $defs }),
    ...(definitions === undefined ? {} : { definitions }),
  };
}

function invalidOption(message: string): OutputDefinitionError {
  return new OutputDefinitionError(message, { code: "invalid_output_option" });
}
