import { PromptstreamError } from "./promptstream-error.js";

/**
 * A middleware refused to send a request (a guardrail: see `refuseMatching`). Thrown from
 * `stream()`'s first read or from `call()`, before anything reaches the provider; never retried.
 */
export class PromptRefusedError extends PromptstreamError {
  override readonly name = "PromptRefusedError";
  readonly code = "prompt_refused";
  /** The name of the middleware that refused. */
  readonly middleware: string;
  override readonly provider: string | undefined;

  constructor(message: string, options: { readonly middleware: string; readonly provider?: string | undefined }) {
    super(message);
    this.middleware = options.middleware;
    this.provider = options.provider;
  }
}
