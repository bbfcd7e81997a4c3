/**
 * @module Checks made once, when a prompt factory or class is defined: an adapter that is not a
 * v1 adapter, a template placeholder the variables schema does not declare.
 */
import type { AdapterV1 } from "../adapter/v1/adapter-v1.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { PromptTemplateError } from "../errors/prompt-template-error.js";
import type { ParsedTemplate } from "./parse-template.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/**
 * Fails at once, with what to do, on an object that is not a v1 adapter: e.g. an adapter built
 * for a later contract version than this core knows, or a plain JavaScript typo.
 */
export function checkAdapter(adapter: AdapterV1<object, ResponseChunk, CallResponse, unknown>): void {
  const candidate = adapter as Partial<typeof adapter> | null | undefined;
  const version = candidate?.specificationVersion as string | undefined;
  if (version !== "v1") {
    throw new TypeError(
      `definePrompt() needs an adapter with specificationVersion "v1"; got ${JSON.stringify(version)}. ` +
        "An adapter written for a newer contract needs a newer @promptstream/core.",
    );
  }
  for (const method of ["doStream", "doCall"] as const) {
    if (typeof candidate?.[method] !== "function") {
      throw new TypeError(
        `definePrompt(): the "${String(candidate?.provider)}" adapter has no ${method}() method; an AdapterV1 needs doStream and doCall.`,
      );
    }
  }
  if (typeof candidate?.provider !== "string" || candidate.provider === "") {
    throw new TypeError('definePrompt(): the adapter needs a `provider` id, such as "openai", used in errors.');
  }
}

/**
 * Fails at definition, rather than at the first construction, when the schema lists its keys
 * (zod's `shape`, valibot's `entries`) and a placeholder is not among them.
 */
export function checkSchemaDeclares(schema: StandardSchemaV1, template: ParsedTemplate, promptName: string): void {
  const { shape, entries } = schema as { shape?: unknown; entries?: unknown };
  const keys = shape ?? entries;
  if (typeof keys !== "object" || keys === null) return;
  for (const name of template.variables) {
    if (name in keys) continue;
    throw new PromptTemplateError(
      `${promptName}: the template uses {${name}} but the variables schema does not declare "${name}". Add it to the schema.`,
      { code: "undeclared_variable", promptName, variable: name },
    );
  }
}
