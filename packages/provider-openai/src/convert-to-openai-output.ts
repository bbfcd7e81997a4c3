import { CallParamsError, type OutputSpec } from "@promptstream/core";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import { checkOpenAIStrictOutputSchema } from "./check-openai-strict-schema.js";
import type { OpenAICallParams } from "./openai-call-params.js";

/** The request field a prompt's structured output becomes. */
export interface OpenAIOutputFields {
  response_format?: ResponseFormatJSONSchema;
}

/**
 * Translates a prompt's `output` in `json_schema` mode to `response_format` with `strict: true`
 * (nothing in `json` mode: core put the schema in the instructions). Core already gave the schema
 * its strict form; what strict mode still refuses (a keyword, a format) fails here, before sending.
 *
 * @see https://platform.openai.com/docs/guides/structured-outputs
 * @throws CallParamsError (`invalid_param`) when the params also set `response_format`, or when
 * the schema breaks strict mode's rules.
 */
export function convertToOpenAIOutput(
  output: OutputSpec | undefined,
  params: Readonly<OpenAICallParams>,
): OpenAIOutputFields {
  if (output === undefined || output.mode !== "json_schema") return {};
  if (params.response_format !== undefined) {
    throw new CallParamsError(
      "The prompt has an `output` schema, and the call params set OpenAI's native `response_format` too: " +
        "give the format one way only (the prompt's `output` gives partial objects and validation).",
      { code: "invalid_param", param: "response_format", provider: "openai" },
    );
  }
  checkOpenAIStrictOutputSchema(output.schema);
  const jsonSchema: ResponseFormatJSONSchema.JSONSchema = {
    name: output.name,
    schema: { ...output.schema },
    strict: true,
  };
  if (output.description !== undefined) jsonSchema.description = output.description;
  return { response_format: { type: "json_schema", json_schema: jsonSchema } };
}
