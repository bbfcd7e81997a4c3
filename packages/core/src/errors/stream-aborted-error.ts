import { PromptstreamError } from "./promptstream-error.js";

/** Options of a {@link StreamAbortedError}. */
export interface StreamAbortedErrorOptions {
  readonly provider: string;
  /** The text received before the abort. */
  readonly partialText: string;
  /** The reason given to `abort()` or carried by the aborted signal. */
  readonly reason?: unknown;
}

/**
 * The stream was aborted, through an `AbortSignal` or `stream.abort()`. The HTTP request
 * is cancelled; `partialText` holds what had arrived by then.
 */
export class StreamAbortedError extends PromptstreamError {
  override readonly name = "StreamAbortedError";
  readonly code = "aborted";
  override readonly provider: string;
  readonly partialText: string;
  readonly reason: unknown;

  constructor(options: StreamAbortedErrorOptions) {
    super(
      `The ${options.provider} stream was aborted after ${options.partialText.length} characters of text. ` +
        "The text received so far is in `error.partialText`.",
      { cause: options.reason },
    );
    this.provider = options.provider;
    this.partialText = options.partialText;
    this.reason = options.reason;
  }
}
