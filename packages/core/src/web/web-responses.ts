/**
 * @module A stream as a web `Response`, for any `Request -> Response` server (Hono, Next.js route
 * handlers, Deno, Bun, Cloudflare Workers...).
 */
import type { BodyBatches } from "./body-batches.js";

/** Headers of an event stream: nothing between the server and the browser may cache or buffer it. */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};

/**
 * Headers of a streamed text body. `nosniff`: without it, a browser holds back the first bytes of a
 * `text/plain` body to guess its type, and the page does not see the answer begin.
 */
export const TEXT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
  "x-content-type-options": "nosniff",
};

/**
 * A `Response` whose body is `batches`, UTF-8 encoded. Reading the body reads the stream (the
 * request is sent at the first read); cancelling it, as a server does when the client goes away,
 * cancels the provider request. `init`'s headers override the defaults.
 */
export function streamingResponse(
  batches: BodyBatches,
  defaults: Readonly<Record<string, string>>,
  init: ResponseInit | undefined,
  failBody: boolean,
): Response {
  const encoder = new TextEncoder();
  // A cancel while a read waits: the read still ends (with what the stream says on leaving), and must not be enqueued.
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text: string | undefined;
        try {
          text = await batches.next();
        } catch (error) {
          // A text body cut short must not pass for a whole answer: the connection ends in error.
          if (failBody && !cancelled) controller.error(error);
          return;
        }
        if (cancelled) return;
        if (text === undefined) controller.close();
        else controller.enqueue(encoder.encode(text));
      },
      cancel: () => {
        cancelled = true;
        return batches.cancel();
      },
    },
    // Pull only when read: no chunk is read ahead of the client.
    { highWaterMark: 0 },
  );
  const headers = new Headers(defaults);
  new Headers(init?.headers).forEach((value, name) => {
    headers.set(name, value);
  });
  return new Response(body, { ...init, headers });
}
