import type { ClientResponseStream as Stream } from "./client-response-stream.js";
import { ClientResponseStream } from "./client-response-stream.js";

/** Options of {@link readResponseStream}. */
export interface ReadResponseStreamOptions {
  /** Aborts the stream: cancels the response body (the server then cancels the provider request). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Reads an event-stream `Response` (from a server's `toEventStreamResponse()` or
 * `pipeToNodeResponse()`) as a stream of the same chunks and final response. The type parameter
 * is the `output` schema's type, for `partialObjects` and `object()`; the wire carries no types.
 *
 * @example
 * const stream = readResponseStream(await fetch("/chat", { method: "POST", body }));
 * for await (const text of stream.textStream) output.append(text);
 */
export function readResponseStream<TObject = unknown>(
  response: Response | Promise<Response>,
  options: ReadResponseStreamOptions = {},
): Stream<TObject> {
  return new ClientResponseStream<TObject>(response, linkedController(options.signal));
}

/**
 * `fetch`es `input` and reads the answer as a {@link readResponseStream} stream; `stream.abort()`
 * (or `init.signal`) cancels the request. The request is sent at once.
 *
 * @example
 * const stream = fetchResponseStream("/chat", { method: "POST", body: JSON.stringify({ question }) });
 * stopButton.onclick = () => stream.abort();
 * for await (const text of stream.textStream) output.append(text);
 */
export function fetchResponseStream<TObject = unknown>(
  input: string | URL | Request,
  init: RequestInit = {},
): Stream<TObject> {
  const controller = linkedController(init.signal ?? undefined);
  const response = fetch(input, { ...init, signal: controller.signal });
  // A rejection is read by the stream; an unread stream must not leave an unhandled one.
  response.catch(() => {});
  return new ClientResponseStream<TObject>(response, controller);
}

function linkedController(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal?.aborted === true) controller.abort(signal.reason);
  else signal?.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller;
}
