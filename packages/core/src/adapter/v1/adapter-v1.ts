import type { AdapterV1Request } from "./adapter-v1-request.js";
import type { AdapterV1Stream } from "./adapter-v1-stream.js";
import type { CallResponse } from "./call-response.js";
import type { MediaInputSupport } from "./media-input-support.js";
import type { OutputMode, OutputSpec } from "./output-spec.js";
import type { ResponseChunk } from "./response-chunk.js";
import type { ToolSpec } from "./tool-spec.js";

/** What else of the request an adapter's `validateParams` may check the params against. */
export interface AdapterV1ValidationContext {
  /** The prompt's tools, as `request.tools` will hold them; `undefined` without tools. */
  readonly tools: readonly ToolSpec[] | undefined;
  /** The structured output asked for, as `request.output` will hold it; absent without one. */
  readonly output?: OutputSpec | undefined;
}

/**
 * Version 1 of the adapter contract: what a provider implements so that `definePrompt`
 * can turn it into a prompt factory such as `OpenAIPrompt`.
 *
 * The `do*` methods are for core, not for users. They receive provider-neutral requests
 * and must throw core error types (`ProviderError`), never the vendor SDK's own errors.
 *
 * @typeParam TParams - the adapter's call params (extending `CallParams`).
 * @typeParam TChunk - the chunk class its streams yield.
 * @typeParam TResponse - the response class `call()` and `stream.response()` resolve to.
 * @typeParam TClient - what users may pass as `client` (an SDK instance or its options).
 */
export interface AdapterV1<
  TParams extends object,
  TChunk extends ResponseChunk,
  TResponse extends CallResponse,
  TClient = never,
> {
  readonly specificationVersion: "v1";
  /** The provider's id, used in errors, e.g. `"openai"`. */
  readonly provider: string;
  /**
   * Optional. `true` when the adapter sends `request.tools`, converts tool messages, reports
   * `toolCallDeltas` on its chunks and `rawToolCalls` on non-streamed responses. A prompt with
   * tools (or tool messages in its history) fails before sending on an adapter without it.
   */
  readonly supportsTools?: boolean | undefined;
  /**
   * Optional. The structured-output modes the adapter can send (see `request.output`), best first:
   * core uses the first unless the prompt asks for another. `json` needs nothing of the adapter and
   * is always possible; an adapter without this field gets structured output in `json` mode only.
   */
  readonly outputModes?: readonly OutputMode[] | undefined;
  /**
   * Optional. The image and document parts the adapter can send in user messages; core refuses
   * any other part before sending. Without it, messages reach the adapter as text only.
   */
  readonly mediaInput?: MediaInputSupport | undefined;
  /**
   * Optional. `true` when the adapter maps the neutral `reasoning` param and reports `reasoning`
   * on its chunks. A call with `reasoning` fails before sending on an adapter without it.
   */
  readonly supportsReasoning?: boolean | undefined;
  /**
   * Optional. Checks the merged params before any request is sent, after core checked the
   * neutral ones: throws a `CallParamsError` for a value outside the provider's range or a
   * neutral param its API has no equivalent for (never drop one silently). `context` holds the
   * prompt's tools, so that params that clash with them fail from `stream()`, before anything is sent.
   */
  validateParams?(params: Readonly<TParams>, context?: AdapterV1ValidationContext): void;
  /** Sends the request without streaming and resolves to the whole response. */
  doCall(request: AdapterV1Request<TParams, TClient>): Promise<TResponse>;
  /** Sends the request with streaming and resolves once the response headers arrived. */
  doStream(request: AdapterV1Request<TParams, TClient>): Promise<AdapterV1Stream<TChunk, TResponse>>;
}
