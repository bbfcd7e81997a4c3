import type { AdapterV1Stream } from "../../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../../adapter/v1/call-response.js";
import type { ResponseChunk } from "../../adapter/v1/response-chunk.js";
import type { Middleware, MiddlewareRequest } from "../middleware.js";

/** What the cache keeps of a streamed answer: its chunks, to replay, and its response. */
interface CachedStream {
  readonly chunks: readonly ResponseChunk[];
  readonly response: CallResponse;
}

/** Options of {@link cacheResponses}. */
export interface CacheResponsesOptions {
  /** How many answers to keep; the least recently used goes first. Default 100. */
  readonly maxEntries?: number | undefined;
  /** The key of a request; default: its provider, messages, params, tools and output, as JSON. */
  readonly key?: ((request: MiddlewareRequest) => string | undefined) | undefined;
}

/** An in-memory cache of answers, with what it holds. */
export interface ResponseCache extends Middleware {
  /** How many answers it holds. */
  readonly size: number;
  /** Forgets every answer. */
  clear(): void;
}

/**
 * An in-memory response cache keyed by the neutral request: a request seen before is answered
 * without sending, a stream replaying the chunks the first one delivered, then its response. Only
 * answers read to their end are kept (not one left early, failed or aborted). A request holding a
 * `Blob` (an image read lazily) is not cached: its bytes are not in the key.
 *
 * @example
 * const cache = cacheResponses({ maxEntries: 500 });
 * class Ask extends Prompt({ template: "USER: {question}", middleware: [cache] }) {}
 */
export function cacheResponses(options: CacheResponsesOptions = {}): ResponseCache {
  const maxEntries = options.maxEntries ?? 100;
  const keyOf = options.key ?? defaultKey;
  const entries = new Map<string, CachedStream | CallResponse>();
  const remember = (key: string, value: CachedStream | CallResponse) => {
    entries.delete(key);
    entries.set(key, value);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
  const recall = (key: string) => {
    const value = entries.get(key);
    if (value !== undefined) remember(key, value);
    return value;
  };
  return {
    name: "cacheResponses",
    get size() {
      return entries.size;
    },
    clear: () => entries.clear(),
    async wrapStream(request, next) {
      const key = keyOf(request);
      if (key === undefined) return next(request);
      const hit = recall(`stream:${key}`) as CachedStream | undefined;
      if (hit !== undefined) return replay(hit);
      const stream = await next(request);
      const chunks: ResponseChunk[] = [];
      let ended = false;
      return {
        chunks: (async function* () {
          for await (const chunk of stream.chunks) {
            chunks.push(chunk);
            yield chunk;
          }
          ended = true;
        })(),
        createResponse(summary) {
          const response = stream.createResponse(summary);
          if (ended) remember(`stream:${key}`, { chunks, response });
          return response;
        },
      };
    },
    async wrapCall(request, next) {
      const key = keyOf(request);
      if (key === undefined) return next(request);
      const hit = recall(`call:${key}`) as CallResponse | undefined;
      if (hit !== undefined) return hit;
      const response = await next(request);
      remember(`call:${key}`, response);
      return response;
    },
  };
}

function replay({ chunks, response }: CachedStream): AdapterV1Stream<ResponseChunk, CallResponse> {
  return {
    chunks: (async function* () {
      yield* chunks;
    })(),
    createResponse: () => response,
  };
}

/** The request's provider, messages, params, tools and output as JSON; `undefined` when it holds a `Blob`. */
function defaultKey(request: MiddlewareRequest): string | undefined {
  let lazy = false;
  const key = JSON.stringify(
    [request.call.provider, request.messages, request.params, request.tools, request.output],
    (_name, value: unknown) => {
      if (typeof Blob !== "undefined" && value instanceof Blob) lazy = true;
      // Bytes as a short stand-in would collide: keep them whole, as base64-like text.
      return value instanceof Uint8Array
        ? Array.from(value, (byte) => byte.toString(16).padStart(2, "0")).join("")
        : value;
    },
  );
  return lazy ? undefined : key;
}
