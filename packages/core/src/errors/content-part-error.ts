import { PromptstreamError } from "./promptstream-error.js";

/** What was wrong with an image or a document part. */
export type ContentPartErrorCode =
  /** `image()` or `document()` got something it cannot read (no media type, a bad data: URL...). */
  | "invalid_part"
  /** The provider (or its adapter) does not take this kind of part, media type or source. */
  | "unsupported_part"
  /** The part is larger than the provider's documented limit. */
  | "part_too_large";

/** Options of a {@link ContentPartError}. */
export interface ContentPartErrorOptions {
  readonly code: ContentPartErrorCode;
  readonly partType: "image" | "document" | "text";
  /** The provider whose rules the part breaks; `undefined` for a part no provider could take. */
  readonly provider?: string | undefined;
  /** The index of the message holding the part, in the rendered messages. */
  readonly messageIndex?: number | undefined;
}

/**
 * An image or a document cannot be sent as given: thrown by `image()` / `document()` for input
 * they cannot read, and by `stream()` / `call()` before anything is sent for a part the provider
 * does not take or that is over its size limit. Never a part dropped silently.
 */
export class ContentPartError extends PromptstreamError {
  override readonly name = "ContentPartError";
  readonly code: ContentPartErrorCode;
  readonly partType: "image" | "document" | "text";
  override readonly provider: string | undefined;
  readonly messageIndex: number | undefined;

  constructor(message: string, options: ContentPartErrorOptions) {
    super(message);
    this.code = options.code;
    this.partType = options.partType;
    this.provider = options.provider;
    this.messageIndex = options.messageIndex;
  }
}
