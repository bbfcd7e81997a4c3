import type { ProviderErrorCode } from "../../errors/provider-error.js";

/**
 * The neutral error code for an HTTP status, as the major LLM APIs use them (529 is
 * Anthropic's "overloaded"). `undefined` for a status it cannot name, so that the adapter
 * can look at the provider's error type instead.
 */
export function errorCodeForStatus(status: number): ProviderErrorCode | undefined {
  switch (status) {
    case 400:
    case 409:
    case 413:
    case 422:
      return "invalid_request";
    case 401:
      return "authentication";
    case 403:
      return "permission_denied";
    case 404:
      return "not_found";
    case 408:
      return "timeout";
    case 429:
      return "rate_limited";
    case 503:
    case 529:
      return "overloaded";
  }
  return status >= 500 ? "server_error" : undefined;
}
