import { PromptstreamError } from "./promptstream-error.js";
import { type PartialResponse, ProviderError } from "./provider-error.js";

const NOTHING: PartialResponse = { text: "", usage: undefined };

/**
 * Turns whatever an adapter threw into the error the consumer sees: a `ProviderError` becomes
 * its code's subclass and gains what the stream received before it (no longer retryable once
 * a chunk was delivered); other promptstream errors pass through; anything else is wrapped in a
 * `ProviderError` with code `unknown`, keeping it as `cause`.
 */
export function toProviderFailure(
  error: unknown,
  provider: string,
  partial: PartialResponse = NOTHING,
): PromptstreamError {
  const delivered = partial.delivered ?? partial.text !== "";
  if (error instanceof ProviderError) {
    const received = delivered || partial.usage !== undefined || (partial.toolCalls?.length ?? 0) > 0;
    return received ? error.withPartial(partial) : error.specific();
  }
  if (PromptstreamError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(`The ${provider} request failed: ${detail}`, {
    code: "unknown",
    provider,
    partialText: partial.text,
    partialUsage: partial.usage,
    partialToolCalls: partial.toolCalls,
    cause: error,
  });
}
