import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { PriceTable } from "../pricing/price-table.js";
import type { CallCandidate } from "../reliability/call-with-retries.js";
import type { ReliabilityPolicy } from "../reliability/reliability-options.js";
import type { StreamCandidate } from "../stream/response-stream-source.js";

/**
 * The key of a prompt instance's method that hands out how it answers (its adapter request and
 * policy), so that `fallback()` can chain prompts of different providers. Not part of the
 * public surface: core's own modules use it.
 */
export const promptCandidates = Symbol("promptstream.promptCandidates");

/** How one prompt instance answers a stream and a call, with its merged reliability policy. */
export interface PromptCandidates<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  readonly policy: ReliabilityPolicy;
  /** The prompt has tools: `fallback()` cannot chain it yet. */
  readonly hasTools: boolean;
  /** The prompt has an `output` schema: `fallback()` cannot chain it yet. */
  readonly hasOutput: boolean;
  readonly stream: StreamCandidate<TChunk, TResponse>;
  readonly call: CallCandidate<TResponse>;
  /** The prompt's price table, for the `cost` of the response it gives; `undefined` without one. */
  readonly prices: PriceTable | undefined;
}
