/** Below this length a key is removed only where it stands as a word of its own (see {@link redactSecrets}). */
const SHORT_KEY_LENGTH = 8;

/**
 * Removes an API key from text a provider sent back (some servers echo the key in a 401
 * message, whole or masked), and masks anything shaped like a vendor key (`sk-...`,
 * `sk-ant-...`, `rk-...`). For adapters mapping provider errors: never put a key in an error.
 *
 * The configured key is removed whatever its length (local servers take keys such as `ollama`):
 * wherever it appears when it has 8 characters or more; a shorter one where it stands as a word of
 * its own, so that a key such as `x` does not blank out every x in the message.
 */
export function redactSecrets(text: string, apiKey?: string | null): string {
  let result = text;
  if (typeof apiKey === "string" && apiKey !== "") {
    result =
      apiKey.length >= SHORT_KEY_LENGTH
        ? result.split(apiKey).join("[redacted]")
        : result.replace(new RegExp(`(?<![\\w-])${escapeRegExp(apiKey)}(?![\\w-])`, "g"), "[redacted]");
  }
  return result.replace(/\b(sk|rk)-[A-Za-z0-9_*-]{6,}/g, "$1-[redacted]");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
