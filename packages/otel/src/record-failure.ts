/**
 * @module A failure on a span: status ERROR, `error.type`, and the exception event, with nothing
 * in it that could hold a key.
 */
import { type Span, SpanStatusCode } from "@opentelemetry/api";
import { PromptstreamError, ProviderError, redactSecrets } from "@promptstream/core";
import { ATTR, PS_ATTR } from "./gen-ai-attributes.js";

/** Whether an error is an abort: the caller's, not the provider's, so no exception is recorded for it. */
function isAbort(error: unknown): boolean {
  return (
    (PromptstreamError.isInstance(error) && error.code === "aborted") ||
    (error instanceof Error && error.name === "AbortError")
  );
}

/**
 * `error.type`: the error's class name (`RateLimitError`, `StreamAbortedError`), low in
 * cardinality. An adapter's `ProviderError` is named as core will name it to the caller: by the
 * subclass of its code.
 */
function errorTypeOf(error: unknown): string {
  if (error instanceof ProviderError || (PromptstreamError.isInstance(error) && "specific" in error)) {
    return (error as ProviderError).specific().name;
  }
  if (error instanceof Error || PromptstreamError.isInstance(error)) return (error as Error).name;
  return "_OTHER";
}

/**
 * Marks `span` failed by `error`. The exception event holds the error's name, message and stack,
 * keys masked again (core's errors already mask them) and never its `cause`; an abort gets no
 * exception event: it is the caller's choice, with nothing to debug.
 */
export function recordFailure(span: Span, error: unknown): void {
  const type = errorTypeOf(error);
  span.setAttribute(ATTR.errorType, type);
  if (PromptstreamError.isInstance(error)) {
    span.setAttribute(PS_ATTR.errorCode, error.code);
    if (error.status !== undefined) span.setAttribute(ATTR.httpStatusCode, error.status);
  }
  const message = error instanceof Error ? redactSecrets(error.message) : "";
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  if (isAbort(error) || !(error instanceof Error)) return;
  span.recordException({
    name: type,
    message,
    ...(error.stack === undefined ? {} : { stack: redactSecrets(error.stack) }),
  });
}
