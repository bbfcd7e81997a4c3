import { ProviderError } from "../../errors/provider-error.js";
import { errorCodeForStatus } from "./error-code-for-status.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { redactSecrets } from "./redact-secrets.js";

/** What {@link providerErrorFromResponse} needs to know besides the response. */
export interface ErrorResponseContext {
  /** The provider's id, e.g. `"acme"`. */
  readonly provider: string;
  /** The key the request was sent with: removed from the message wherever the server echoes it. */
  readonly apiKey?: string | null | undefined;
}

/**
 * For adapters that call `fetch` themselves: turns a failed HTTP response into a
 * `ProviderError` with the code of its status, the retry-after it gave, and the server's own
 * message, read from the usual error shapes (`{error: {message}}`, `{error: "..."}`,
 * `{message}`, `{detail}`, or plain text), with the key redacted.
 *
 * @example
 * if (!response.ok) throw await providerErrorFromResponse(response, { provider: "acme", apiKey });
 */
export async function providerErrorFromResponse(
  response: Response,
  context: ErrorResponseContext,
): Promise<ProviderError> {
  const text = await response.text().catch(() => "");
  const message = messageIn(text) ?? `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new ProviderError(`${context.provider}: ${redactSecrets(message, context.apiKey)}`, {
    code: errorCodeForStatus(response.status) ?? "unknown",
    provider: context.provider,
    status: response.status,
    retryAfterMs: parseRetryAfter(response.headers),
  });
}

function messageIn(text: string): string | undefined {
  if (text.trim() === "") return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim();
  }
  const { error, message, detail } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const nested = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  for (const candidate of [nested, error, message, detail])
    if (typeof candidate === "string" && candidate !== "") return candidate;
  return text.trim();
}
