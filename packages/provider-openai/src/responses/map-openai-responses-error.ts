import { ProviderError, type ProviderErrorCode, redactSecrets } from "@promptstream/core";

/** An error as the Responses API reports it inside a stream (an `error` event, or a failed response's `error`). */
export interface OpenAIResponsesErrorBody {
  readonly code?: string | null | undefined;
  readonly type?: string | null | undefined;
  readonly message?: string | null | undefined;
  readonly param?: string | null | undefined;
}

/** The error codes the API sends in a stream whose failure is lasting: sending again will not help. */
const LASTING: ReadonlySet<string> = new Set(["insufficient_quota"]);

/**
 * The typed error for a failure the API reports in a 200 answer: a stream's `error` event
 * (which the SDK types flat, `{type: "error", code, message}`, and OpenAI sends nested,
 * `{type: "error", error: {type, code, message}}`), or the `error` of a failed response. It
 * carries OpenAI's message, with the API key redacted.
 */
export function reportedOpenAIResponsesError(
  body: OpenAIResponsesErrorBody | null | undefined,
  apiKey: string,
): ProviderError {
  const message = body?.message || "the response failed without a message";
  const reported = body?.code ?? body?.type ?? undefined;
  return ProviderError.create(`OpenAI: ${redactSecrets(message, apiKey)}`, {
    code: codeOf(reported),
    provider: "openai",
    ...(reported !== undefined && LASTING.has(reported) ? { retryable: false } : {}),
  });
}

/** The error body of an `error` event, in either of its shapes. */
export function errorEventBody(
  event: OpenAIResponsesErrorBody & { readonly error?: unknown },
): OpenAIResponsesErrorBody {
  const nested = event.error;
  return typeof nested === "object" && nested !== null ? (nested as OpenAIResponsesErrorBody) : event;
}

function codeOf(reported: string | undefined): ProviderErrorCode {
  if (reported === undefined) return "server_error";
  if (reported === "rate_limit_exceeded" || reported === "insufficient_quota") return "rate_limited";
  if (reported === "server_error" || reported === "vector_store_timeout") return "server_error";
  if (reported.includes("overloaded")) return "overloaded";
  // invalid_prompt, invalid_request_error, the image errors, context_length_exceeded...
  if (reported.startsWith("invalid") || reported.includes("image") || reported.includes("context_length"))
    return "invalid_request";
  return "server_error";
}
