import { PromptstreamError } from "./promptstream-error.js";

/** What was wrong with a prompt's template or variables. */
export type PromptTemplateErrorCode =
  | "invalid_template"
  | "missing_variable"
  | "undeclared_variable"
  | "invalid_variable"
  | "async_schema";

/** Options of a {@link PromptTemplateError}. */
export interface PromptTemplateErrorOptions {
  readonly code: PromptTemplateErrorCode;
  /** The prompt class's name, e.g. `"RecipeRecommender"`. */
  readonly promptName: string;
  /** The variable at fault, where one is. */
  readonly variable?: string | undefined;
  readonly cause?: unknown;
}

/**
 * A prompt's template could not be parsed, or its variables were missing or invalid.
 * Thrown when a prompt class is defined or constructed, before any request is sent.
 *
 * @example
 * try { new RecipeRecommender({}) } catch (error) {
 *   if (error instanceof PromptTemplateError) console.log(error.code, error.variable);
 * }
 */
export class PromptTemplateError extends PromptstreamError {
  override readonly name = "PromptTemplateError";
  readonly code: PromptTemplateErrorCode;
  readonly promptName: string;
  readonly variable: string | undefined;

  constructor(message: string, options: PromptTemplateErrorOptions) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.promptName = options.promptName;
    this.variable = options.variable;
  }
}
