/**
 * @module How a {@link ResponseStream} gets its chunks: who may answer (candidates, in order), what
 * aborts it, and who else sees its chunks.
 */
import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import type { PriceTable } from "../pricing/price-table.js";
import type { AnyTool } from "../tools/tool.js";
import type { ResponseStream } from "./response-stream.js";

/** One way to answer a stream: an adapter's request, with the retry and idle policy it runs under. */
export interface StreamCandidate<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  /** The provider's id, for errors. */
  readonly provider: string;
  /** Sends the request; called once per attempt, with that attempt's signal. */
  readonly open: (signal: AbortSignal) => Promise<AdapterV1Stream<TChunk, TResponse>>;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly idleTimeout: number;
  /** For a candidate that sends several requests itself (the tool loop): how many it has sent. */
  readonly attempts?: (() => number) | undefined;
}

/** How a {@link ResponseStream} opens its request; core builds it from the adapter. */
export interface ResponseStreamSource<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  /**
   * Who may answer, in order: the first, retried as its policy says; then, if it failed with a
   * retryable error before its first chunk, the next (a fallback).
   */
  readonly candidates: ReadonlyArray<StreamCandidate<TChunk, TResponse>>;
  /** Signals that abort the stream (e.g. the definition's, the instance's and the call's). */
  readonly signals?: ReadonlyArray<AbortSignal | undefined> | undefined;
  /** The whole call's timeout, retries included, in milliseconds. */
  readonly timeout?: number | undefined;
  /** The prompt's tools by name: their calls are assembled, validated and yielded as parts. */
  readonly tools?: ReadonlyMap<string, AnyTool> | undefined;
  /** Yield a `tool-call-delta` part for each fragment of a call's arguments. */
  readonly toolCallDeltas?: boolean | undefined;
  /** Sees each chunk the candidate yields, and finishes the response (structured output). */
  readonly observer?: StreamObserver | undefined;
  /** Watches the stream for the middleware's observers: each chunk and part delivered, the end, the failure. */
  readonly monitor?: StreamMonitor | undefined;
  /** Prices for the final response's `cost`; without them no cost is computed. */
  readonly prices?: PriceTable | undefined;
}

/** What the stream tells the middleware's observers (see `observeCall`). */
export interface StreamMonitor {
  onChunk(chunk: ResponseChunk): void;
  onFinish(response: CallResponse): void;
  onError(error: PromptstreamError): void;
}

/**
 * What else reads a stream's chunks as they pass (the structured output's parser): it sees each
 * chunk, keeps a partial result for a failure, and turns the response into the final one, or
 * throws (or rejects) when the answer is not what was asked for.
 */
export interface StreamObserver {
  onChunk(chunk: ResponseChunk): void;
  /** What a failure keeps of the answer (the partial object); `undefined` for nothing. */
  partial(): unknown;
  finish<TResponse extends CallResponse>(response: TResponse): TResponse | Promise<TResponse>;
}
