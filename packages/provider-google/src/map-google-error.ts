import { errorCodeForStatus, ProviderError, type ProviderErrorCode, redactSecrets } from "@promptstream/core";

const PROVIDER = "google";

/** What {@link mapGoogleError} knows of the call that failed. */
export interface GoogleErrorContext {
  /** The key the request was sent with, redacted wherever a server echoes it back. */
  readonly apiKey?: string | undefined;
  /** Whether the response body was being read: an unknown failure there is a cut stream. */
  readonly inStream?: boolean | undefined;
}

/** Google's error body: `{ error: { code, message, status, details } }`. */
interface GoogleErrorBody {
  readonly code?: number;
  readonly message?: string;
  readonly status?: string;
  readonly details?: ReadonlyArray<{
    readonly "@type"?: string;
    readonly retryDelay?: string;
    readonly reason?: string;
  }>;
}

/**
 * Removes the key from text: the configured key, anything shaped like a Google API key
 * (`AIza...`), and a `key=` query parameter (the other way Google takes a key).
 */
function redactGoogleSecrets(text: string, apiKey?: string): string {
  return redactSecrets(text, apiKey)
    .replace(/AIza[0-9A-Za-z_-]{20,}/g, "AIza[redacted]")
    .replace(/([?&]key=)[^&\s"']+/g, "$1[redacted]");
}

/**
 * Maps what `@google/genai` threw to a core `ProviderError`, keeping Google's own message and
 * status from the `{ error: { code, message, status, details } }` body the SDK puts in its
 * `ApiError`'s message, whether it came as an HTTP error or inside the stream. A 429's
 * `RetryInfo.retryDelay` ("34.4s") becomes `retryAfterMs`. The SDK's error is not kept as `cause`
 * (its message may hold the key).
 */
export function mapGoogleError(error: unknown, context: GoogleErrorContext = {}): unknown {
  if (ProviderError.isInstance(error)) return error;
  if (!(error instanceof Error) || error.name === "AbortError") return error;
  const { apiKey, inStream } = context;
  if (isApiError(error)) {
    const body = readErrorBody(error.message);
    const status = error.status ?? body?.code;
    const text = redactGoogleSecrets(body?.message ?? error.message, apiKey);
    const googleStatus = body?.status;
    return ProviderError.create(`Google: ${text}${googleStatus === undefined ? "" : ` (${googleStatus})`}`, {
      code: codeOf(status, googleStatus, body),
      provider: PROVIDER,
      status,
      retryAfterMs: retryDelayOf(body),
    });
  }
  const detail = redactGoogleSecrets(error.message, apiKey);
  if (/incomplete json segment|exception parsing stream chunk/i.test(error.message)) {
    return ProviderError.create(`The Gemini stream sent an event that is not valid JSON: ${detail}`, {
      code: "stream_interrupted",
      provider: PROVIDER,
      retryable: false,
    });
  }
  if (inStream === true) {
    // The body broke off (a reset socket, a cut connection): undici throws a bare TypeError.
    return ProviderError.create(`The Gemini stream broke off: ${detail}`, {
      code: "stream_interrupted",
      provider: PROVIDER,
    });
  }
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    const cause = error.cause instanceof Error ? `: ${redactGoogleSecrets(error.cause.message, apiKey)}` : "";
    return ProviderError.create(`Could not connect to the Gemini API${cause}`, {
      code: "connection",
      provider: PROVIDER,
    });
  }
  return error;
}

/** The SDK's `ApiError`, recognised by shape: its class lives in the SDK, loaded lazily (see resolveGoogleClient). */
function isApiError(error: Error): error is Error & { status?: number } {
  return error.name === "ApiError" && typeof (error as { status?: unknown }).status === "number";
}

/** The body the SDK wrote into its message: the JSON itself, or `got status: ... {json}` for a stream error. */
function readErrorBody(message: string): GoogleErrorBody | undefined {
  const start = message.indexOf("{");
  if (start === -1) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: unknown };
    return typeof parsed.error === "object" && parsed.error !== null ? (parsed.error as GoogleErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

const codesByStatus: Readonly<Record<string, ProviderErrorCode>> = {
  INVALID_ARGUMENT: "invalid_request",
  FAILED_PRECONDITION: "invalid_request",
  OUT_OF_RANGE: "invalid_request",
  UNAUTHENTICATED: "authentication",
  PERMISSION_DENIED: "permission_denied",
  NOT_FOUND: "not_found",
  RESOURCE_EXHAUSTED: "rate_limited",
  UNAVAILABLE: "overloaded",
  DEADLINE_EXCEEDED: "timeout",
  INTERNAL: "server_error",
};

function codeOf(status: number | undefined, googleStatus: string | undefined, body: GoogleErrorBody | undefined) {
  // A wrong key is a 400 INVALID_ARGUMENT with the reason API_KEY_INVALID: an authentication failure.
  if (body?.details?.some((detail) => detail.reason === "API_KEY_INVALID") === true) return "authentication";
  const byStatus = status === undefined ? undefined : errorCodeForStatus(status);
  const byGoogleStatus =
    googleStatus !== undefined && Object.hasOwn(codesByStatus, googleStatus) ? codesByStatus[googleStatus] : undefined;
  return byStatus ?? byGoogleStatus ?? "unknown";
}

/** `RetryInfo.retryDelay`, a protobuf Duration in JSON ("34.4s"), in milliseconds. */
function retryDelayOf(body: GoogleErrorBody | undefined): number | undefined {
  for (const detail of body?.details ?? []) {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay ?? "");
    if (match !== null) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}
