import { PromptstreamError } from "../errors/promptstream-error.js";

/** Options of a {@link ServerStreamError}. */
export interface ServerStreamErrorOptions {
  /** The code the server sent (e.g. `"output_invalid"`), or `"http_error"` for a response that is not an event stream. */
  readonly code: string;
  /** The name of the error class on the server, e.g. `"OutputValidationError"`. */
  readonly remoteName: string;
  readonly status?: number | undefined;
  readonly partialText: string;
}

/**
 * The server's stream failed with an error that is not a provider's (those arrive as the same
 * `ProviderError` subclasses as on the server, e.g. `RateLimitError`), or the server did not
 * answer with an event stream. `code` and `remoteName` say what the server reported.
 */
export class ServerStreamError extends PromptstreamError {
  override readonly name = "ServerStreamError";
  readonly code: string;
  readonly remoteName: string;
  override readonly status: number | undefined;
  /** The text received before the failure. */
  readonly partialText: string;

  constructor(message: string, options: ServerStreamErrorOptions) {
    super(message);
    this.code = options.code;
    this.remoteName = options.remoteName;
    this.status = options.status;
    this.partialText = options.partialText;
  }
}
