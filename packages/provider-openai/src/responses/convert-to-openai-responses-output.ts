import { CallParamsError, type OutputSpec } from "@promptstream/core";
import type { ResponseFormatTextJSONSchemaConfig, ResponseTextConfig } from "openai/resources/responses/responses";
import { checkOpenAIStrictOutputSchema } from "../check-openai-strict-schema.js";
import type { OpenAIResponsesCallParams } from "./openai-responses-call-params.js";

/** The request field a prompt's structured output becomes. */
export interface OpenAIResponsesOutputFields {
  text?: ResponseTextConfig;
}

/**
 * Translates a prompt's `output` in `json_schema` mode to `text.format` with `strict: true`
 * (nothing in `json` mode: core put the schema in the instructions), keeping the other `text`
 * options the params set (`verbosity`). What strict mode refuses fails here, before sending.
 *
 * @see https://platform.openai.com/docs/guides/structured-outputs?api-mode=responses
 * @throws CallParamsError (`invalid_param`) when the params also set `text.format`, or when the
 * schema breaks strict mode's rules.
 */
export function convertToOpenAIResponsesOutput(
  output: OutputSpec | undefined,
  params: Readonly<OpenAIResponsesCallParams>,
): OpenAIResponsesOutputFields {
  if (output === undefined || output.mode !== "json_schema") return {};
  if (params.text?.format !== undefined) {
    throw new CallParamsError(
      "The prompt has an `output` schema, and the call params set OpenAI's native `text.format` too: " +
        "give the format one way only (the prompt's `output` gives partial objects and validation).",
      { code: "invalid_param", param: "text", provider: "openai" },
    );
  }
  checkOpenAIStrictOutputSchema(output.schema);
  const format: ResponseFormatTextJSONSchemaConfig = {
    type: "json_schema",
    name: output.name,
    schema: { ...output.schema },
    strict: true,
  };
  if (output.description !== undefined) format.description = output.description;
  return { text: { ...params.text, format } };
}
