import { PromptstreamError } from "./promptstream-error.js";

/** What was wrong with a prompt's `output`. */
export type OutputDefinitionErrorCode = "no_json_schema" | "invalid_json_schema" | "invalid_output_option";

/**
 * A prompt's `output` cannot be sent as defined: a schema with no JSON Schema to send, a name the
 * providers refuse, a `reask` that is not a whole number. Thrown when the prompt is defined.
 */
export class OutputDefinitionError extends PromptstreamError {
  override readonly name = "OutputDefinitionError";
  readonly code: OutputDefinitionErrorCode;

  constructor(message: string, options: { readonly code: OutputDefinitionErrorCode }) {
    super(message);
    this.code = options.code;
  }
}
