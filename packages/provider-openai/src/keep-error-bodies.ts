import type { ClientOptions } from "openai/client";

type Fetch = NonNullable<ClientOptions["fetch"]>;

/** The text of each error response, keyed by its `Headers`, which the SDK's `APIError` keeps. */
const errorBodies = new WeakMap<Headers, string>();

/**
 * Wraps the client's `fetch` so that an error response's body stays readable. The SDK reads
 * only a body's `error` field, so the message of a server that answers in another shape
 * (vLLM's top-level `{"object": "error", "message": ...}`) would be lost. Successful responses
 * pass through untouched.
 */
export function fetchKeepingErrorBodies(fetchImpl: Fetch): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (!response.ok)
      errorBodies.set(
        response.headers,
        await response
          .clone()
          .text()
          .catch(() => ""),
      );
    return response;
  };
}

/** The message an error response's body held, in the shapes OpenAI-compatible servers use. */
export function errorMessageFromBody(headers: Headers | undefined): string | undefined {
  const text = headers === undefined ? undefined : errorBodies.get(headers);
  if (text === undefined || text.trim() === "") return undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown; detail?: unknown; error?: unknown };
    for (const candidate of [body.message, body.detail, body.error])
      if (typeof candidate === "string") return candidate;
    return text;
  } catch {
    return text;
  }
}
