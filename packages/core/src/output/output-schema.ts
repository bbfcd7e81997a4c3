/**
 * @module What a prompt's `output` is defined with, and the types it gives: the object, its
 * partial snapshots, and the elements of an array answer.
 */
import type { OutputMode } from "../adapter/v1/output-spec.js";
import type { JsonSchemaParameters } from "../prompt/json-schema-of.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";

/** A structured output's shape: a Standard Schema validator that can produce JSON Schema, or a typed JSON Schema. */
export type OutputSchema = StandardSchemaV1 | JsonSchemaParameters<unknown>;

/** An output schema with how to ask for it. */
export interface OutputOptions<TSchema extends OutputSchema = OutputSchema> {
  readonly schema: TSchema;
  /** The schema's name, for the provider (OpenAI `json_schema.name`, the forced tool): letters, digits, `_`, `-`. Default `"output"`. */
  readonly name?: string | undefined;
  /** What the output is, for the model. */
  readonly description?: string | undefined;
  /** The mode to use instead of the adapter's best (see {@link OutputMode}). */
  readonly mode?: OutputMode | undefined;
  /**
   * How many times to ask again, with the validation issues, when the answer is not valid JSON for
   * the schema (0 by default). Each new request counts in the stream's `attempts`.
   */
  readonly reask?: number | undefined;
}

/** What a prompt's `output` may be: a schema, or {@link OutputOptions}. */
export type OutputDefinition = OutputSchema | OutputOptions;

/** The object an output definition gives: the validator's output, or the JSON Schema's type parameter. */
export type OutputObject<TOutput> =
  TOutput extends OutputOptions<infer TSchema>
    ? OutputObject<TSchema>
    : TOutput extends StandardSchemaV1
      ? StandardSchemaV1.InferOutput<TOutput>
      : TOutput extends { readonly "~types"?: { readonly args: infer T } | undefined; readonly jsonSchema: object }
        ? T
        : never;

/**
 * A snapshot of an object still being written: any field may be missing yet, and an array may
 * hold fewer elements, the last of them partial. Strings may be prefixes of their final value.
 */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? ReadonlyArray<DeepPartial<E>>
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** The element type of an array output (`never` for other outputs). */
export type OutputElement<T> = T extends readonly (infer E)[] ? E : never;
