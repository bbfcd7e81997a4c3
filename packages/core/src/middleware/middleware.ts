/**
 * @module The middleware contract: cross-cutting behaviour (logging, tracing, caching, guardrails,
 * metering) at the adapter boundary, so that every provider and every custom adapter gets it.
 */
import type { AdapterV1Request } from "../adapter/v1/adapter-v1-request.js";
import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import type { Message } from "../prompt/message.js";

/**
 * One `stream()` or `call()` of a prompt, over all the requests it sends (retries, tool-loop
 * steps): what middleware sees of it before anything is sent.
 */
export interface CallContext {
  /** Unique per call in this process, e.g. `"call_3"`. */
  readonly id: string;
  /** `"stream"` for `stream()`, `"call"` for `call()` (a looped `call()` streams: `"stream"`). */
  readonly kind: "stream" | "call";
  /** The adapter's provider id, e.g. `"openai"`. */
  readonly provider: string;
  /** The prompt class's name, e.g. `"RecipeRecommender"`. */
  readonly promptName: string;
  /** The prompt's rendered messages (the first request's, before any tool-loop step). */
  readonly messages: readonly Message[];
  /** The merged params of the first request (neutral and the adapter's own). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The names of the prompt's tools; empty without tools. */
  readonly toolNames: readonly string[];
  /** `performance.now()` when the call began: time to first chunk is measured from it. */
  readonly startedAt: number;
  /**
   * State a middleware keeps for this call between its hooks (e.g. its span), by a key of its
   * own (a symbol or the middleware object): shared by every middleware of the call.
   */
  readonly data: Map<unknown, unknown>;
}

/**
 * What a middleware observes of one call. Each hook is optional. A hook that throws does not break
 * the stream: the error goes to the prompt's `logger` as a warning.
 */
export interface CallObserver {
  /**
   * Each chunk (and, with tools, each tool-call part) as the stream delivers it, in order, with
   * the milliseconds since `startedAt` (for the first: the time to first chunk).
   */
  onChunk?(chunk: ResponseChunk, elapsedMs: number): void;
  /** The call ended with its final response (after every step of a tool loop). */
  onFinish?(response: CallResponse): void;
  /** The call failed or was aborted (`StreamAbortedError`), with what the consumer sees. */
  onError?(error: PromptstreamError): void;
}

/** One request to the provider, as middleware sees it: the adapter's request and where it stands in its call. */
export interface MiddlewareRequest extends AdapterV1Request<Readonly<Record<string, unknown>>, unknown> {
  /** The call this request is part of. */
  readonly call: CallContext;
  /** The tool loop's step (0 for the first request, and outside a loop). */
  readonly step: number;
  /** The attempt within the step: 1 for the first, 2 for the first retry... */
  readonly attempt: number;
}

/** The rest of the chain of a streamed request: the next middleware, then the adapter. */
export type NextStream = (request: MiddlewareRequest) => Promise<AdapterV1Stream<ResponseChunk, CallResponse>>;

/** The rest of the chain of a non-streamed request: the next middleware, then the adapter. */
export type NextCall = (request: MiddlewareRequest) => Promise<CallResponse>;

/**
 * Cross-cutting behaviour around every call of the prompts it is given to (see `middleware` on a
 * definition, an instance or a call, and `useMiddleware()` for every prompt of a provider).
 *
 * - `onCall` sees each call once, before anything is sent, and returns hooks that observe it
 *   (chunks, time to first chunk, the end, the error): logging, tracing, metering.
 * - `wrapStream` / `wrapCall` wrap each request sent to the provider (each attempt, each tool-loop
 *   step): call `next(request)` with the request as it is or changed, or answer without calling it
 *   (a cache, a guardrail that refuses). The first middleware given is the outermost.
 *
 * @example
 * const logging: Middleware = {
 *   name: "logging",
 *   onCall: (call) => ({
 *     onFinish: (response) => console.log(call.promptName, response.usage?.totalTokens),
 *   }),
 * };
 */
export interface Middleware {
  /** A name, for errors and logs. */
  readonly name?: string | undefined;
  onCall?(call: CallContext): CallObserver | undefined;
  wrapStream?(request: MiddlewareRequest, next: NextStream): Promise<AdapterV1Stream<ResponseChunk, CallResponse>>;
  wrapCall?(request: MiddlewareRequest, next: NextCall): Promise<CallResponse>;
}

/** Where middleware is given: a definition, an instance (`new Prompt(vars, { middleware })`) or a call. */
export interface MiddlewareOptions {
  /**
   * Middleware for the calls of this definition, instance or call: the global ones (`useMiddleware`)
   * run outermost, then the definition's, the instance's and the call's, each list in its order.
   */
  readonly middleware?: readonly Middleware[] | undefined;
}
