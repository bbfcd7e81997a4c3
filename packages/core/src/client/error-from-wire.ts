import { isProviderErrorCode, ProviderError } from "../errors/provider-error.js";
import { StreamAbortedError } from "../errors/stream-aborted-error.js";
import type { WireError } from "../web/event-stream-wire.js";
import { ServerStreamError } from "./server-stream-error.js";

/** What the client calls the other side in errors: the provider is behind it, not known to the page. */
export const SERVER = "server";

/**
 * The error an `error` event describes, as the same class where core has one: a provider's failure
 * is its `ProviderError` subclass, an abort on the server a `StreamAbortedError`, anything else a
 * {@link ServerStreamError}. `partialText` is what this client received.
 */
export function errorFromWire(data: string, partialText: string): Error {
  let wire: Partial<WireError>;
  try {
    wire = JSON.parse(data) as Partial<WireError>;
  } catch {
    wire = {};
  }
  const code = typeof wire.code === "string" ? wire.code : "unknown";
  const message = typeof wire.message === "string" ? wire.message : "The stream failed on the server.";
  const provider = typeof wire.provider === "string" ? wire.provider : SERVER;
  if (isProviderErrorCode(code)) {
    return ProviderError.create(message, {
      code,
      provider,
      status: wire.status,
      // What the server knew: a resend from here repeats the whole request, which is the client's to decide.
      retryable: wire.retryable === true,
      partialText,
    });
  }
  if (code === "aborted") return new StreamAbortedError({ provider, partialText, reason: message });
  return new ServerStreamError(message, {
    code,
    remoteName: typeof wire.name === "string" ? wire.name : "Error",
    status: wire.status,
    partialText,
  });
}
