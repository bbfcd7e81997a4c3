/**
 * @module Type-level reading of a template's placeholders, so that a missing or misspelled
 * variable is a compile error when no schema is given.
 */
import type { MediaPart } from "../content/content-part.js";
import type { Message } from "./message.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/** A value a `{placeholder}` accepts. Arrays are joined with newlines. */
export type TemplateScalar = string | number | boolean | bigint;
/**
 * A value a `{placeholder}` accepts: a scalar, an image or a document part (in a user message),
 * or an array of them (scalars joined with newlines, media in place).
 */
export type TemplateValue = TemplateScalar | MediaPart | readonly (TemplateScalar | MediaPart)[];

/**
 * The names of a template's `{placeholders}`, as a union of string literals (`{{` and `}}` are
 * literal braces, not placeholders). The second parameter is the recursion's accumulator: leave it out.
 *
 * @example
 * type N = TemplatePlaceholderNames<"Use {ingredient} in {{braces}}">; // "ingredient"
 */
export type TemplatePlaceholderNames<
  T extends string,
  Found extends string = never,
> = T extends `${infer Head}{{${infer Tail}`
  ? TemplatePlaceholderNames<`${Head}${Tail}`, Found>
  : T extends `${string}{${infer Name}}${infer Rest}`
    ? TemplatePlaceholderNames<Rest, Found | Name>
    : Found;

/**
 * The names of a template's `MESSAGES: {name}` placeholders, which take a list of messages. The
 * second parameter is the recursion's accumulator: leave it out.
 */
export type TemplateMessagesNames<
  T extends string,
  Found extends string = never,
> = T extends `${string}MESSAGES:${infer Rest}`
  ? TemplateMessagesNames<
      Rest,
      Found | (Rest extends ` {${infer Name}}${string}` ? Name : Rest extends `{${infer Name}}${string}` ? Name : never)
    >
  : Found;

/**
 * The variables a template needs, read from its literal type: `{name}` takes a
 * {@link TemplateValue}; `MESSAGES: {name}` takes an array of messages.
 *
 * @example
 * type V = TemplateVariables<"Recommend recipes that use {ingredient}">; // { ingredient: TemplateValue }
 */
export type TemplateVariables<T extends string> = string extends T
  ? Readonly<Record<string, TemplateValue | readonly Message[]>>
  : {
      readonly [K in TemplatePlaceholderNames<T>]: K extends TemplateMessagesNames<T>
        ? readonly Message[]
        : TemplateValue;
    };

/** What a prompt's constructor accepts: the schema's input, or else the template's variables. */
export type VariablesInput<T extends string, S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<S>
  : TemplateVariables<T>;

/** What a prompt holds after validation: the schema's output, or else the template's variables. */
export type VariablesOutput<T extends string, S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : TemplateVariables<T>;
