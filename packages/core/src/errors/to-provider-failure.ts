import { PromptstreamError } from "./promptstream-error.js";
import { ProviderError } from "./provider-error.js";

/**
 * Turns whatever an adapter threw into the error the consumer sees: promptstream errors pass
 * through (a `ProviderError` gains the text received before it), anything else is wrapped
 * in a `ProviderError` with code `unknown`, keeping it as `cause`.
 */
export function toProviderFailure(error: unknown, provider: string, partialText: string): PromptstreamError {
  if (error instanceof ProviderError) return partialText === "" ? error : error.withPartialText(partialText);
  if (PromptstreamError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(`The ${provider} request failed: ${detail}`, {
    code: "unknown",
    provider,
    partialText,
    cause: error,
  });
}
