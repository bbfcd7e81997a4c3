import { CallParamsError, type OutputSpec } from "@promptstream/core";
import type { GoogleCallParams } from "./google-call-params.js";

/** The config fields a prompt's structured output becomes. */
export interface GoogleOutputFields {
  readonly responseMimeType?: string;
  readonly responseJsonSchema?: unknown;
}

/**
 * Translates a prompt's `output`: in `json_schema` mode to `responseMimeType: "application/json"`
 * with the schema as `responseJsonSchema` (JSON Schema as is, not Gemini's OpenAPI subset
 * `responseSchema`); in `json` mode to `responseMimeType` alone (core put the schema in the
 * instructions, and JSON mode keeps the answer to JSON).
 *
 * @see https://ai.google.dev/gemini-api/docs/structured-output
 * @throws CallParamsError (`invalid_param`) when the params already set what the output needs.
 */
export function convertToGoogleOutput(
  output: OutputSpec | undefined,
  params: Readonly<GoogleCallParams>,
): GoogleOutputFields {
  if (output === undefined) return {};
  for (const field of ["responseMimeType", "responseJsonSchema", "responseSchema"] as const) {
    if (params[field] !== undefined) refuse(field);
  }
  if (output.mode === "json") return { responseMimeType: "application/json" };
  return { responseMimeType: "application/json", responseJsonSchema: { ...output.schema } };
}

function refuse(field: string): never {
  throw new CallParamsError(
    `The prompt has an \`output\` schema, and the call params set Gemini's native \`${field}\` too, which the ` +
      "output needs: give the format one way only (the prompt's `output` gives partial objects and validation).",
    { code: "invalid_param", param: field, provider: "google" },
  );
}
