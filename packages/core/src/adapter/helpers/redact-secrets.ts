/**
 * Removes an API key from text a provider sent back (some servers echo the key in a 401
 * message, whole or masked), and masks anything shaped like a vendor key (`sk-...`,
 * `sk-ant-...`, `rk-...`). For adapters mapping provider errors: never put a key in an error.
 */
export function redactSecrets(text: string, apiKey?: string | null): string {
  const withoutKey = typeof apiKey === "string" && apiKey.length >= 8 ? text.split(apiKey).join("[redacted]") : text;
  return withoutKey.replace(/\b(sk|rk)-[A-Za-z0-9_*-]{6,}/g, "$1-[redacted]");
}
