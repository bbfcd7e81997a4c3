import { urlForMessage } from "@promptstream/core";

/**
 * What to say after a 404 when the client's base URL has OpenAI's shape (ending in `/v1`):
 * `@anthropic-ai/sdk` appends `/v1/messages` itself, so the request went to `.../v1/v1/messages`.
 * `""` when the base URL looks right.
 */
export function anthropicBaseURLHint(baseURL: string | null | undefined): string {
  const shown = urlForMessage(baseURL);
  if (shown === undefined || !shown.endsWith("/v1")) return "";
  return (
    ` The base URL ${shown} ends with /v1, which the Anthropic SDK adds itself, so the request went to ` +
    `${shown}/v1/messages; use baseURL: "${shown.slice(0, -"/v1".length)}" (OpenAI's base URL, by contrast, includes /v1).`
  );
}
