import type { Usage } from "../adapter/v1/usage.js";
import { PromptstreamError } from "./promptstream-error.js";
import { ProviderError } from "./provider-error.js";

/**
 * Turns whatever an adapter threw into the error the consumer sees: a `ProviderError` becomes
 * its code's subclass and gains what the stream received before it (no longer retryable once
 * a chunk was `delivered`); other promptstream
 * errors pass through; anything else is wrapped in a `ProviderError` with code `unknown`,
 * keeping it as `cause`.
 */
export function toProviderFailure(
  error: unknown,
  provider: string,
  partialText: string,
  partialUsage?: Usage,
  delivered = partialText !== "",
): PromptstreamError {
  if (error instanceof ProviderError) {
    return partialText === "" && partialUsage === undefined && !delivered
      ? error.specific()
      : error.withPartial(partialText, partialUsage, delivered);
  }
  if (PromptstreamError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(`The ${provider} request failed: ${detail}`, {
    code: "unknown",
    provider,
    partialText,
    partialUsage,
    cause: error,
  });
}
