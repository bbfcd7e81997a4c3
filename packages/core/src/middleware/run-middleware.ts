/**
 * @module Running middleware: the chain around each request, and the observers of each call.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import type { PromptstreamLogger } from "../params/unsupported-params-policy.js";
import type { StreamMonitor } from "../stream/response-stream-source.js";
import type { CallContext, CallObserver, Middleware, MiddlewareRequest, NextCall, NextStream } from "./middleware.js";

/** Runs a streamed request through the middleware's `wrapStream`, the first given outermost, then the adapter. */
export function chainStream(middleware: readonly Middleware[], request: MiddlewareRequest, adapter: NextStream) {
  const next = (index: number): NextStream => {
    for (let at = index; at < middleware.length; at++) {
      const wrap = middleware[at]?.wrapStream;
      if (wrap !== undefined) return (changed) => wrap.call(middleware[at], changed, next(at + 1));
    }
    return adapter;
  };
  return next(0)(request);
}

/** Runs a non-streamed request through the middleware's `wrapCall`, the first given outermost, then the adapter. */
export function chainCall(
  middleware: readonly Middleware[],
  request: MiddlewareRequest,
  adapter: NextCall,
): Promise<CallResponse> {
  const next = (index: number): NextCall => {
    for (let at = index; at < middleware.length; at++) {
      const wrap = middleware[at]?.wrapCall;
      if (wrap !== undefined) return (changed) => wrap.call(middleware[at], changed, next(at + 1));
    }
    return adapter;
  };
  return next(0)(request);
}

let callCount = 0;

/** The context of a new call, for the middleware's `onCall`. */
export function newCallContext(fields: Omit<CallContext, "id" | "startedAt" | "data">): CallContext {
  callCount += 1;
  return { ...fields, id: `call_${callCount}`, startedAt: performance.now(), data: new Map() };
}

/**
 * Asks each middleware's `onCall` for its observer of `call`; `undefined` when none observes, so
 * that a stream without observers has nothing to call per chunk. A hook that throws is reported
 * to `logger` and the stream goes on.
 */
export function observeCall(
  middleware: readonly Middleware[],
  call: CallContext,
  logger: PromptstreamLogger,
): StreamMonitor | undefined {
  const observers: Array<{ readonly observer: CallObserver; readonly name: string }> = [];
  for (const [index, item] of middleware.entries()) {
    const name = item.name ?? `middleware ${index}`;
    const observer = guarded(logger, name, "onCall", () => item.onCall?.(call));
    if (observer !== undefined) observers.push({ observer, name });
  }
  if (observers.length === 0) return undefined;
  // Observers that only want the end (a meter, a logger) cost nothing per chunk.
  const chunkObservers = observers.filter(({ observer }) => observer.onChunk !== undefined);
  return {
    onChunk:
      chunkObservers.length === 0
        ? ignoreChunk
        : (chunk: ResponseChunk) => {
            const elapsed = performance.now() - call.startedAt;
            for (const { observer, name } of chunkObservers) {
              guarded(logger, name, "onChunk", () => observer.onChunk?.(chunk, elapsed));
            }
          },
    onFinish(response: CallResponse) {
      for (const { observer, name } of observers)
        guarded(logger, name, "onFinish", () => observer.onFinish?.(response));
    },
    onError(error: PromptstreamError) {
      for (const { observer, name } of observers) guarded(logger, name, "onError", () => observer.onError?.(error));
    },
  };
}

function ignoreChunk(): void {}

function guarded<T>(logger: PromptstreamLogger, name: string, hook: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    logger.warn(`[promptstream] ${name}: its ${hook} hook threw, and was skipped: ${String(error)}`);
    return undefined;
  }
}
