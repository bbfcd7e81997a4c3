import { urlForMessage } from "@promptstream/core";

/**
 * What to say after a 404 when the client's base URL has Anthropic's shape (a bare host): the
 * `openai` SDK appends the endpoint (`/chat/completions`, `/responses`) to the base URL as given, and OpenAI's API and the
 * OpenAI-compatible servers serve under a version path (`https://api.openai.com/v1`,
 * `http://localhost:11434/v1`). `""` when the base URL looks right.
 */
export function openAIBaseURLHint(baseURL: string | null | undefined, endpoint = "/chat/completions"): string {
  const shown = urlForMessage(baseURL);
  if (shown === undefined || new URL(shown).pathname !== "/") return "";
  return (
    ` The base URL ${shown} has no path, so the request went to ${shown}${endpoint}; the OpenAI SDK wants ` +
    `the API's root with its version, e.g. baseURL: "${shown}/v1" (Anthropic's base URL, by contrast, has no /v1).`
  );
}
