/**
 * @module Type-level reading of a template's placeholders, so that a missing or misspelled
 * variable is a compile error when no schema is given.
 */
import type { Message } from "./message.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/** A value a `{placeholder}` accepts. Arrays are joined with newlines. */
export type TemplateScalar = string | number | boolean | bigint;
/** A value a `{placeholder}` accepts: a scalar, or an array of them joined with newlines. */
export type TemplateValue = TemplateScalar | readonly TemplateScalar[];

type StripOpenEscapes<T extends string, Done extends string = ""> = T extends `${infer Head}{{${infer Tail}`
  ? StripOpenEscapes<Tail, `${Done}${Head}`>
  : `${Done}${T}`;

type PlaceholderNames<
  T extends string,
  Found extends string = never,
> = T extends `${string}{${infer Name}}${infer Rest}` ? PlaceholderNames<Rest, Found | Name> : Found;

type MessagesNames<T extends string, Found extends string = never> = T extends `${string}MESSAGES:${infer Rest}`
  ? MessagesNames<
      Rest,
      Found | (Rest extends ` {${infer Name}}${string}` ? Name : Rest extends `{${infer Name}}${string}` ? Name : never)
    >
  : Found;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The variables a template needs, read from its literal type: `{name}` takes a
 * {@link TemplateValue}; `MESSAGES: {name}` takes an array of messages.
 *
 * @example
 * type V = TemplateVariables<"Recommend recipes that use {ingredient}">; // { ingredient: TemplateValue }
 */
export type TemplateVariables<T extends string> = string extends T
  ? Readonly<Record<string, TemplateValue | readonly Message[]>>
  : Simplify<
      {
        readonly [K in Exclude<PlaceholderNames<StripOpenEscapes<T>>, MessagesNames<T>>]: TemplateValue;
      } & { readonly [K in MessagesNames<T>]: readonly Message[] }
    >;

/** What a prompt's constructor accepts: the schema's input, or else the template's variables. */
export type VariablesInput<T extends string, S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<S>
  : TemplateVariables<T>;

/** What a prompt holds after validation: the schema's output, or else the template's variables. */
export type VariablesOutput<T extends string, S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : TemplateVariables<T>;
