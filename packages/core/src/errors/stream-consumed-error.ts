import { PromptstreamError } from "./promptstream-error.js";

/**
 * A stream was iterated a second time. A stream is one HTTP response and can be read once;
 * what it received stays available through `text()` and `response()`.
 */
export class StreamConsumedError extends PromptstreamError {
  override readonly name = "StreamConsumedError";
  readonly code = "stream_consumed";

  constructor() {
    super(
      "This stream has already been consumed: a stream is one response and can be iterated only once. " +
        "Use `await stream.text()` or `await stream.response()` to read what it received, " +
        "or call `prompt.stream()` again to send a new request.",
    );
  }
}
