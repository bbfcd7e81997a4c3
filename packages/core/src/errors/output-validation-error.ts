import type { CallResponse } from "../adapter/v1/call-response.js";
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { StandardSchemaV1 } from "../prompt/standard-schema.js";
import { PromptstreamError } from "./promptstream-error.js";

/**
 * Why a structured answer was not the object asked for:
 * - `not_json`: the text is not JSON (or no JSON value was found in it, in `json` mode);
 * - `schema_mismatch`: it is JSON, but the `output` schema refused it (see `issues`);
 * - `refusal`: the model refused to answer;
 * - `length`: the answer was cut off by the token limit before the JSON ended;
 * - `content_filter`: the provider filtered the answer.
 */
export type OutputValidationErrorCode = "not_json" | "schema_mismatch" | "refusal" | "length" | "content_filter";

/** What an {@link OutputValidationError} is made with. */
export interface OutputValidationErrorOptions {
  readonly code: OutputValidationErrorCode;
  readonly provider: string | undefined;
  readonly text: string;
  readonly value: unknown;
  readonly issues: readonly StandardSchemaV1.Issue[];
  readonly finishReason: FinishReason | undefined;
  readonly response: CallResponse | undefined;
}

/**
 * The model's answer is not the structured output the prompt asked for. Every reader of the stream
 * (`object()`, `response()`, `partialObjects`, the chunks' loop) rejects with it once the answer
 * ended; the text stays in `text`, and the response (usage, finish reason) in `response`.
 */
export class OutputValidationError extends PromptstreamError {
  override readonly name = "OutputValidationError";
  readonly code: OutputValidationErrorCode;
  override readonly provider: string | undefined;
  /** The whole text the model wrote. */
  readonly text: string;
  /** The parsed JSON (after unwrapping), or `undefined` when the text is not JSON. */
  readonly value: unknown;
  /** The schema's issues, for `schema_mismatch`; empty otherwise. */
  readonly issues: readonly StandardSchemaV1.Issue[];
  readonly finishReason: FinishReason | undefined;
  /** The response without its object: content, usage, finish reason, the message for a history. */
  readonly response: CallResponse | undefined;

  constructor(message: string, options: OutputValidationErrorOptions) {
    super(message);
    this.code = options.code;
    this.provider = options.provider;
    this.text = options.text;
    this.value = options.value;
    this.issues = options.issues;
    this.finishReason = options.finishReason;
    this.response = options.response;
  }
}
