import type { CallResponse, StreamSummary } from "./call-response.js";
import type { ResponseChunk } from "./response-chunk.js";

/** An adapter's open stream: its chunks, and how to build its final response from them. */
export interface AdapterV1Stream<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  /**
   * The chunks, in order. Core pulls them one at a time and calls `return()` when the consumer
   * stops early, which must cancel the HTTP request. Errors thrown here should already be
   * core error types (e.g. `ProviderError`).
   */
  readonly chunks: AsyncIterable<TChunk>;
  /**
   * Builds the final response once `chunks` is done, from what core accumulated plus whatever
   * provider-specific state the adapter kept (id, model, tool calls...).
   */
  createResponse(summary: StreamSummary): TResponse;
}
