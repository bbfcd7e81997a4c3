import type { CallResponse, StreamSummary } from "./call-response.js";
import type { ResponseChunk } from "./response-chunk.js";

/** An adapter's open stream: its chunks, and how to build its final response from them. */
export interface AdapterV1Stream<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  /**
   * The chunks, in order. Core pulls them one at a time and calls `return()` when the consumer
   * stops early, which must cancel the HTTP request. Errors thrown here should already be
   * core error types (e.g. `ProviderError`).
   *
   * When the chunks end by themselves, the response must be over: read to its end, or
   * cancelled if it goes on after the provider's final event. Core aborts the request's
   * `signal` only when a stream fails or is left early, not after one that completed (an
   * abort would close a connection that could serve the next request). `readLines` and
   * `readServerSentEvents` do this for you.
   */
  readonly chunks: AsyncIterable<TChunk>;
  /**
   * Builds the final response once `chunks` is done, from what core accumulated plus whatever
   * provider-specific state the adapter kept (id, model, tool calls...).
   */
  createResponse(summary: StreamSummary): TResponse;
}
