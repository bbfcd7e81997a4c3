import { PromptstreamError } from "@promptstream/core";

/** What went wrong with a cassette. */
export type CassetteErrorCode =
  /** Replaying a cassette that was never recorded: the message holds the command that records it. */
  | "missing_cassette"
  /** Recording without the provider's key in the environment. */
  | "missing_key"
  /** A second cassette for a provider while one is still in use (a cassette not closed, or concurrent tests). */
  | "cassette_in_use"
  /** A cassette name or `PROMPTSTREAM_RECORD` value that cannot be used. */
  | "invalid_option";

/** Thrown by `useCassette` when a cassette cannot be recorded or replayed. */
export class CassetteError extends PromptstreamError {
  override readonly name = "CassetteError";
  readonly code: CassetteErrorCode;
  /** The cassette file concerned. */
  readonly path: string | undefined;

  constructor(message: string, options: { readonly code: CassetteErrorCode; readonly path?: string | undefined }) {
    super(message);
    this.code = options.code;
    this.path = options.path;
  }
}
