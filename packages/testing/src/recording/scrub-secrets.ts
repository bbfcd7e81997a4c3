import { redactSecrets } from "@promptstream/core";

/** Request headers that carry a credential: never written, and their values scrubbed from everything written. */
const CREDENTIAL_HEADERS = [
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "x-goog-api-key",
  "api-key",
  "cookie",
] as const;

/** Query parameters that carry a credential (Gemini's `?key=`, some gateways' `api_key`). */
const CREDENTIAL_QUERY_PARAMETERS = new Set(["key", "api_key", "apikey", "api-key", "access_token", "token"]);

/**
 * Response headers written to a cassette: the ones an SDK reads. An allowlist, so that a header
 * nobody thought of (an organization id, a cookie, a new auth scheme) is left out by default.
 */
const RECORDED_RESPONSE_HEADERS = new Set(["content-type", "retry-after", "retry-after-ms", "x-should-retry"]);
const RECORDED_RESPONSE_HEADER_PREFIXES = ["x-ratelimit-", "anthropic-ratelimit-"];
const RECORDED_REQUEST_ID_HEADERS = new Set(["x-request-id", "request-id"]);

/**
 * The credential values in a request: its auth headers (without the `Bearer ` scheme), cookie
 * values, credential query parameters, and the given environment keys. What the cassette must not hold.
 */
export function credentialsOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  path: string,
  environmentKeys: readonly (string | undefined)[],
): string[] {
  const found = new Set<string>();
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers[name];
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === "") continue;
      found.add(one);
      const scheme = /^(?:bearer|basic|token)\s+(.+)$/i.exec(one);
      if (scheme?.[1] !== undefined) found.add(scheme[1]);
    }
  }
  for (const [name, value] of new URL(path, "http://loopback").searchParams) {
    if (CREDENTIAL_QUERY_PARAMETERS.has(name.toLowerCase()) && value !== "") found.add(value);
  }
  for (const key of environmentKeys) if (key !== undefined && key !== "") found.add(key);
  // Longest first: a key that contains another (a header value holding the bare key) goes whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** Removes every credential (and anything shaped like a vendor key) from a text. */
export function scrubText(text: string, credentials: readonly string[]): string {
  let result = text;
  for (const credential of credentials) result = redactSecrets(result, credential);
  return redactSecrets(result);
}

/** Scrubs every string in a JSON value, keys included. */
export function scrubJSON(value: unknown, credentials: readonly string[]): unknown {
  if (typeof value === "string") return scrubText(value, credentials);
  if (Array.isArray(value)) return value.map((item) => scrubJSON(item, credentials));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [scrubText(key, credentials), scrubJSON(item, credentials)]),
    );
  }
  return value;
}

/** A request path without its credential query parameters, and with any other trace of a key scrubbed. */
export function scrubPath(path: string, credentials: readonly string[]): string {
  const url = new URL(path, "http://loopback");
  for (const name of [...url.searchParams.keys()]) {
    if (CREDENTIAL_QUERY_PARAMETERS.has(name.toLowerCase())) url.searchParams.delete(name);
  }
  return scrubText(`${url.pathname}${url.search}`, credentials);
}

/**
 * The body chunks with the credentials scrubbed. A key split across two chunks is not found in
 * either: then the body is scrubbed whole and kept as one chunk, giving up its chunking to keep the key out.
 */
export function scrubChunks(chunks: readonly string[], credentials: readonly string[]): string[] {
  const scrubbed = chunks.map((chunk) => scrubText(chunk, credentials));
  const whole = chunks.join("");
  const wholeScrubbed = scrubText(whole, credentials);
  return wholeScrubbed === scrubbed.join("") ? scrubbed : [wholeScrubbed];
}

/** The response headers worth replaying, lower-cased, values scrubbed. */
export function recordableResponseHeaders(headers: Headers, credentials: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    const recordable =
      RECORDED_RESPONSE_HEADERS.has(lower) ||
      RECORDED_REQUEST_ID_HEADERS.has(lower) ||
      RECORDED_RESPONSE_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix));
    if (recordable) kept[lower] = scrubText(value, credentials);
  });
  return kept;
}
