import type { AdapterV1Stream } from "../adapter/v1/adapter-v1-stream.js";
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { CallParamsError } from "../errors/call-params-error.js";
import type { PriceTable } from "../pricing/price-table.js";
import { withCost } from "../pricing/with-cost.js";
import { type PromptCandidates, promptCandidates } from "../prompt/prompt-candidates.js";
import { ResponseStream } from "../stream/response-stream.js";
import type { StreamCandidate } from "../stream/response-stream-source.js";
import { callWithRetries } from "./call-with-retries.js";
import { RELIABILITY_DEFAULTS } from "./reliability-options.js";

/** Which prompt of a {@link fallback} answered: its place in the list, and its provider. */
export interface AnsweredBy {
  readonly index: number;
  readonly provider: string;
}

/** A response of a {@link fallback}: the answering prompt's response, saying which one it was. */
export type FallbackResponse<TResponse extends CallResponse> = TResponse & { readonly answeredBy: AnsweredBy };

/** A prompt instance, of any provider, as {@link fallback} takes it. */
export interface FallbackCandidate<
  TChunk extends ResponseChunk = ResponseChunk,
  TResponse extends CallResponse = CallResponse,
> {
  stream(...args: never[]): ResponseStream<TChunk, TResponse>;
}

/** The chunk type of a {@link FallbackCandidate} (a union, for a list of prompts of several providers). */
export type FallbackChunk<P> = P extends FallbackCandidate<infer TChunk, CallResponse> ? TChunk : never;
/** The response type of a {@link FallbackCandidate} (a union, for a list of prompts of several providers). */
export type FallbackCandidateResponse<P> =
  P extends FallbackCandidate<ResponseChunk, infer TResponse> ? TResponse : never;

/** Options of a fallback's `stream()` and `call()`; each prompt keeps its own retries and idle timeout. */
export interface FallbackOptions {
  /** Aborts the whole call, whichever prompt is answering. */
  readonly signal?: AbortSignal | undefined;
  /** The whole call, every prompt and retry included, in milliseconds. Default 600 000. */
  readonly timeout?: number | undefined;
}

/** Prompts tried in order: see {@link fallback}. */
export interface FallbackPrompt<TChunk extends ResponseChunk, TResponse extends CallResponse> {
  /** Streams the first prompt's answer, or the next one's if it failed before its first chunk with a retryable error. */
  stream(options?: FallbackOptions): ResponseStream<TChunk, FallbackResponse<TResponse>>;
  /** The same, not streamed. */
  call(options?: FallbackOptions): Promise<FallbackResponse<TResponse>>;
}

/**
 * Chains prompts, usually of different providers: the first is sent (and retried, as its own
 * `maxRetries` says); when it fails with a retryable error (rate limit, overload, 5xx,
 * connection, timeout) before its first chunk reached you, the next one answers instead. Once
 * a chunk has reached you, there is no switch: output is never mixed or duplicated. The
 * response's `answeredBy` says which prompt answered.
 *
 * @example
 * const stream = fallback([new OpenAIRecipe({ ingredient }), new AnthropicRecipe({ ingredient })]).stream();
 * for await (const chunk of stream) process.stdout.write(chunk.content);
 * const { answeredBy } = await stream.response(); // { index: 1, provider: "anthropic" } if OpenAI was down
 */
export function fallback<const P extends readonly [FallbackCandidate, ...FallbackCandidate[]]>(
  prompts: P,
): FallbackPrompt<FallbackChunk<P[number]>, FallbackCandidateResponse<P[number]>> {
  type TChunk = FallbackChunk<P[number]>;
  type TResponse = FallbackCandidateResponse<P[number]>;
  const partsOf = () => {
    const parts = prompts.map((prompt) => candidatesOf<TChunk, TResponse>(prompt));
    if (parts.some((part) => part.hasTools)) {
      throw new CallParamsError(
        "fallback() does not chain prompts with tools yet: their tool calls would not be assembled. " +
          "Send the prompts one after the other, catching a retryable error, or leave the tools out.",
        { code: "unsupported_param", param: "tools" },
      );
    }
    if (parts.some((part) => part.hasOutput)) {
      throw new CallParamsError(
        "fallback() does not chain prompts with an `output` schema yet: their answers would not be parsed. " +
          "Send the prompts one after the other, catching a retryable error, or leave the output out.",
        { code: "unsupported_param", param: "output" },
      );
    }
    return parts;
  };
  return {
    stream(options = {}) {
      const parts = partsOf();
      return new ResponseStream<TChunk, FallbackResponse<TResponse>>({
        candidates: parts.map((part, index) => answering(part.stream, index, part.prices)),
        signals: [options.signal, ...parts.flatMap((part) => part.policy.signals)],
        timeout: options.timeout ?? RELIABILITY_DEFAULTS.timeout,
      });
    },
    async call(options = {}) {
      const parts = partsOf();
      const outcome = await callWithRetries(
        parts.map((part) => part.call),
        [options.signal, ...parts.flatMap((part) => part.policy.signals)],
        options.timeout ?? RELIABILITY_DEFAULTS.timeout,
      );
      const answeredBy = { index: outcome.index, provider: outcome.provider };
      return withCost({ ...outcome.response, answeredBy }, parts[outcome.index]?.prices);
    },
  };
}

function candidatesOf<TChunk extends ResponseChunk, TResponse extends CallResponse>(
  prompt: FallbackCandidate,
): PromptCandidates<TChunk, TResponse> {
  const method = (
    prompt as unknown as Partial<
      Record<typeof promptCandidates, (params: undefined, options: object) => PromptCandidates<TChunk, TResponse>>
    >
  )[promptCandidates];
  if (typeof method !== "function") {
    throw new TypeError(
      "fallback() takes prompt instances, such as `new RecipeRecommender({ ingredient })`, built by a provider's prompt factory.",
    );
  }
  return method.call(prompt, undefined, {});
}

/** The candidate, with `answeredBy` (and its prompt's `cost`) added to the response it builds. */
function answering<TChunk extends ResponseChunk, TResponse extends CallResponse>(
  candidate: StreamCandidate<TChunk, TResponse>,
  index: number,
  prices: PriceTable | undefined,
): StreamCandidate<TChunk, FallbackResponse<TResponse>> {
  const answeredBy = { index, provider: candidate.provider };
  return {
    ...candidate,
    async open(signal): Promise<AdapterV1Stream<TChunk, FallbackResponse<TResponse>>> {
      const stream = await candidate.open(signal);
      return {
        chunks: stream.chunks,
        createResponse: (summary) => withCost({ ...stream.createResponse(summary), answeredBy }, prices),
      };
    },
  };
}
