/**
 * @module A stream written to a Node `http.ServerResponse` (Express, Fastify's `reply.raw`, plain
 * `node:http`), with backpressure. Typed structurally: core imports nothing of Node, so that it
 * bundles for browsers and edge runtimes.
 */
import type { BodyBatches } from "./body-batches.js";

/**
 * What `pipeToNodeResponse` uses of Node's `http.ServerResponse` (which has all of it).
 */
export interface NodeServerResponseLike {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
  setHeader(name: string, value: string): unknown;
  writeHead(status: number): unknown;
  /** Returns `false` when the socket's buffer is full: write again after `drain`. */
  write(chunk: string): boolean;
  end(): unknown;
  destroy(): unknown;
  once(event: "drain" | "close", listener: () => void): unknown;
  off(event: "drain" | "close", listener: () => void): unknown;
}

/** Options of `pipeToNodeResponse`. */
export interface PipeToNodeResponseOptions {
  /** `"event-stream"` (default): the wire format that `@promptstream/core/client` reads; `"text"`: the text only. */
  readonly format?: "event-stream" | "text" | undefined;
  /** The status sent with the headers. Default: 200. */
  readonly status?: number | undefined;
  /** Headers to add, or to set instead of the defaults. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * Writes `batches` to `res`: the headers, each batch as the socket accepts it (waiting for `drain`
 * when its buffer is full, so that a slow client slows the stream instead of filling the server's
 * memory), then the end. When the client goes away first (`close`), the stream is cancelled, which
 * cancels the provider request. A failure of a text body destroys the response: the client sees
 * the connection fail rather than a short answer that passes for a whole one.
 *
 * Resolves once the response ended or the client left; never rejects (the stream's own
 * `response()` says how it ended).
 */
export async function pipeBatchesToNodeResponse(
  batches: BodyBatches,
  res: NodeServerResponseLike,
  defaults: Readonly<Record<string, string>>,
  options: PipeToNodeResponseOptions,
): Promise<void> {
  if (!res.headersSent) {
    for (const [name, value] of Object.entries({ ...defaults, ...options.headers })) res.setHeader(name, value);
    res.writeHead(options.status ?? 200);
  }
  let finished = false;
  let cancelled: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  // At once, even while a read waits for the provider: the request is cancelled now, not at its next chunk.
  const onClose = () => {
    if (finished) return;
    cancelled ??= batches.cancel();
    wakeUp?.();
  };
  res.once("close", onClose);
  if (res.destroyed) onClose();
  try {
    while (cancelled === undefined) {
      let text: string | undefined;
      try {
        text = await batches.next();
      } catch {
        finished = true;
        // Without the error: `destroy(error)` emits `error` on the response, which crashes a server that has no listener.
        res.destroy();
        return;
      }
      if (cancelled !== undefined) break;
      if (text === undefined) {
        finished = true;
        res.end();
        return;
      }
      if (!res.write(text) && cancelled === undefined) await drainOrClose(res, (wake) => (wakeUp = wake));
    }
    await cancelled;
  } finally {
    res.off("close", onClose);
  }
}

/** Waits until the socket drains or closes; `onWake` gets the function that `close` calls. */
function drainOrClose(res: NodeServerResponseLike, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const wake = () => {
      res.off("drain", wake);
      onWake(() => {});
      resolve();
    };
    onWake(wake);
    res.once("drain", wake);
  });
}
