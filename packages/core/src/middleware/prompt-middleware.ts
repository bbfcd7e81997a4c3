/**
 * @module How a prompt runs its middleware: which apply to a call, and the adapter's methods
 * wrapped in them for one step of it.
 */
import type { AdapterV1 } from "../adapter/v1/adapter-v1.js";
import type { AdapterV1Request } from "../adapter/v1/adapter-v1-request.js";
import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { globalMiddlewareFor } from "./global-middleware.js";
import type { CallContext, Middleware, MiddlewareOptions, MiddlewareRequest } from "./middleware.js";
import { chainCall, chainStream } from "./run-middleware.js";

const NONE: readonly Middleware[] = [];

/** The middleware of a call: the global ones for the provider, then each level's, least specific first. */
export function middlewareFor(
  provider: string,
  ...levels: ReadonlyArray<MiddlewareOptions | undefined>
): readonly Middleware[] {
  const global = globalMiddlewareFor(provider);
  if (global.length === 0 && levels.every((level) => level?.middleware === undefined)) return NONE;
  return [...global, ...levels.flatMap((level) => level?.middleware ?? [])];
}

/** A call's middleware, and the call they see; absent when the call has none. */
export interface CallMiddleware {
  readonly middleware: readonly Middleware[];
  readonly call: CallContext;
}

/** The request without what middleware added to it: what the adapter receives. */
function adapterRequestOf<TParams, TClient>(request: MiddlewareRequest): AdapterV1Request<TParams, TClient> {
  const { call: _call, step: _step, attempt: _attempt, ...adapterRequest } = request;
  return adapterRequest as unknown as AdapterV1Request<TParams, TClient>;
}

/**
 * The adapter's `doStream` and `doCall` for one step of a call, through the call's middleware:
 * each attempt (each call of these functions) is one request the middleware sees.
 */
export function sendThrough<
  TParams extends object,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient,
>(
  adapter: AdapterV1<TParams, TChunk, TResponse, TClient>,
  request: Omit<AdapterV1Request<TParams, TClient>, "signal">,
  step: number,
  { middleware, call }: CallMiddleware,
): {
  readonly stream: (signal: AbortSignal) => Promise<AdapterV1Stream<TChunk, TResponse>>;
  readonly call: (signal: AbortSignal) => Promise<TResponse>;
} {
  let attempt = 0;
  const middlewareRequest = (signal: AbortSignal): MiddlewareRequest => {
    attempt += 1;
    return { ...(request as unknown as Omit<MiddlewareRequest, "signal">), signal, call, step, attempt };
  };
  return {
    stream: (signal) =>
      chainStream(middleware, middlewareRequest(signal), (sent) =>
        adapter.doStream(adapterRequestOf<TParams, TClient>(sent)),
      ) as Promise<AdapterV1Stream<TChunk, TResponse>>,
    call: (signal) =>
      chainCall(middleware, middlewareRequest(signal), (sent) =>
        adapter.doCall(adapterRequestOf<TParams, TClient>(sent)),
      ) as Promise<TResponse>,
  };
}
