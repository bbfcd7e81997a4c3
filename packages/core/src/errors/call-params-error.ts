import { PromptstreamError } from "./promptstream-error.js";

/** What was wrong with a call param. */
export type CallParamsErrorCode = "invalid_param" | "unsupported_param";

/** Options of a {@link CallParamsError}. */
export interface CallParamsErrorOptions {
  readonly code: CallParamsErrorCode;
  /** The param at fault, under the name the user wrote it with (e.g. `"maxTokens"`). */
  readonly param: string;
  /** The provider whose rules it breaks; `undefined` for rules every provider shares. */
  readonly provider?: string | undefined;
}

/**
 * A call param has a value no provider accepts (`invalid_param`: a negative `maxTokens`, a
 * `topP` above 1), or one the chosen provider cannot honour (`unsupported_param`: `seed` on
 * Anthropic). Thrown by `stream()` and `call()` before any request is sent, rather than
 * dropping the param silently or letting the provider answer with a 400.
 */
export class CallParamsError extends PromptstreamError {
  override readonly name = "CallParamsError";
  readonly code: CallParamsErrorCode;
  readonly param: string;
  override readonly provider: string | undefined;

  constructor(message: string, options: CallParamsErrorOptions) {
    super(message);
    this.code = options.code;
    this.param = options.param;
    this.provider = options.provider;
  }
}
