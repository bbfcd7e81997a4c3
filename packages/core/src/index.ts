/**
 * @module @promptstream/core: the provider-neutral pieces of promptstream (prompts, call
 * params, chunks, the stream object, errors) and the adapter contract providers implement.
 */
export { type ClientResolverOptions, createClientResolver } from "./adapter/helpers/create-client-resolver.js";
export { errorCodeForStatus } from "./adapter/helpers/error-code-for-status.js";
export { parseRetryAfter } from "./adapter/helpers/parse-retry-after.js";
export {
  type ErrorResponseContext,
  providerErrorFromResponse,
} from "./adapter/helpers/provider-error-from-response.js";
export { readLines } from "./adapter/helpers/read-lines.js";
export {
  END_OF_STREAM,
  readServerSentEvents,
  type ServerSentEventHandlers,
  type ServerSentEventMapper,
} from "./adapter/helpers/read-server-sent-events.js";
export { redactSecrets } from "./adapter/helpers/redact-secrets.js";
export { redactingLogger, type SdkLogger } from "./adapter/helpers/redacting-logger.js";
export { urlForMessage } from "./adapter/helpers/url-for-message.js";
export type { AdapterV1, AdapterV1ValidationContext } from "./adapter/v1/adapter-v1.js";
export type {
  AdapterV1Message,
  AdapterV1Request,
  AdapterV1UserMessage,
} from "./adapter/v1/adapter-v1-request.js";
export type { AdapterV1Stream } from "./adapter/v1/adapter-v1-stream.js";
export type { CallResponse, StreamSummary } from "./adapter/v1/call-response.js";
export type { FinishReason } from "./adapter/v1/finish-reason.js";
export type { MediaInputSupport, MediaKindSupport } from "./adapter/v1/media-input-support.js";
export type { OutputMode, OutputSpec } from "./adapter/v1/output-spec.js";
export type { RawToolCall } from "./adapter/v1/raw-tool-call.js";
export type { ResponseChunk } from "./adapter/v1/response-chunk.js";
export type { ToolCallDelta } from "./adapter/v1/tool-call-delta.js";
export type { ToolSpec } from "./adapter/v1/tool-spec.js";
export type { Usage } from "./adapter/v1/usage.js";
export { type CacheHint, isCacheHint } from "./caching/cache-hint.js";
export {
  type ContentPart,
  type DocumentPart,
  type ImagePart,
  isContentPart,
  isDocumentPart,
  isImagePart,
  isMediaPart,
  type MediaPart,
  type MediaSource,
  type TextPart,
  textOfContent,
} from "./content/content-part.js";
export { type DocumentOptions, document, image, type MediaInput, textDocument } from "./content/media-helpers.js";
export { type InlineMediaSource, mediaByteLength, readMediaBase64, readMediaBytes } from "./content/read-media.js";
export { readEnv } from "./env/read-env.js";
export { CallParamsError, type CallParamsErrorCode, type CallParamsErrorOptions } from "./errors/call-params-error.js";
export {
  ContentPartError,
  type ContentPartErrorCode,
  type ContentPartErrorOptions,
} from "./errors/content-part-error.js";
export { OutputDefinitionError, type OutputDefinitionErrorCode } from "./errors/output-definition-error.js";
export {
  OutputValidationError,
  type OutputValidationErrorCode,
  type OutputValidationErrorOptions,
} from "./errors/output-validation-error.js";
export { PromptRefusedError } from "./errors/prompt-refused-error.js";
export {
  PromptTemplateError,
  type PromptTemplateErrorCode,
  type PromptTemplateErrorOptions,
} from "./errors/prompt-template-error.js";
export { PromptstreamError, type PromptstreamErrorOptions } from "./errors/promptstream-error.js";
export {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  type PartialResponse,
  PermissionDeniedError,
  ProviderError,
  type ProviderErrorCode,
  type ProviderErrorOptions,
  type ProviderErrorSubclassOptions,
  RateLimitError,
  ServerError,
  StreamInterruptedError,
  TimeoutError,
} from "./errors/provider-error.js";
export { StreamAbortedError, type StreamAbortedErrorOptions } from "./errors/stream-aborted-error.js";
export { StreamConsumedError } from "./errors/stream-consumed-error.js";
export { ToolCallError, type ToolCallErrorCode, type ToolCallErrorOptions } from "./errors/tool-call-error.js";
export { ToolDefinitionError, type ToolDefinitionErrorCode } from "./errors/tool-definition-error.js";
export { ToolExecutionError } from "./errors/tool-execution-error.js";
export { useMiddleware } from "./middleware/global-middleware.js";
export type {
  CallContext,
  CallObserver,
  Middleware,
  MiddlewareOptions,
  MiddlewareRequest,
  NextCall,
  NextStream,
} from "./middleware/middleware.js";
export {
  type CacheResponsesOptions,
  cacheResponses,
  type ResponseCache,
} from "./middleware/ready-made/cache-responses.js";
export { type LogCallsOptions, logCalls } from "./middleware/ready-made/log-calls.js";
export { type RefuseMatchingOptions, refuseMatching } from "./middleware/ready-made/refuse-matching.js";
export type {
  DeepPartial,
  OutputDefinition,
  OutputElement,
  OutputObject,
  OutputOptions,
  OutputSchema,
} from "./output/output-schema.js";
export type { OutputResponseFields } from "./output/output-tracker.js";
export { StructuredResponseStream } from "./output/structured-response-stream.js";
export type { CallParams, ToolChoice } from "./params/call-params.js";
export { mergeCallParams } from "./params/merge-call-params.js";
export type {
  ParamPolicyOptions,
  PromptstreamLogger,
  UnsupportedParamsPolicy,
} from "./params/unsupported-params-policy.js";
export { checkParamRange, refuseUnsupportedParam, validateCallParams } from "./params/validate-call-params.js";
export { type Cost, costOf } from "./pricing/cost.js";
export { type ModelPrice, type PriceTable, type PricingOptions, priceForModel } from "./pricing/price-table.js";
export { definePrompt } from "./prompt/define-prompt.js";
export type {
  TemplateMessagesNames,
  TemplatePlaceholderNames,
  TemplateScalar,
  TemplateValue,
  TemplateVariables,
  VariablesInput,
  VariablesOutput,
} from "./prompt/infer-variables.js";
export { type JsonSchemaParameters, jsonSchema } from "./prompt/json-schema-of.js";
export type {
  AssistantMessage,
  JsonValue,
  Message,
  MessageRole,
  MessageToolCall,
  ProviderData,
  SystemMessage,
  ToolMessage,
  UserMessage,
} from "./prompt/message.js";
export { isMessage } from "./prompt/message.js";
export type {
  OutputModeOptions,
  PromptClass,
  PromptConstructorArgs,
  PromptDefinition,
  PromptFactory,
  PromptInstance,
  PromptOptions,
  PromptResponse,
  PromptStream,
  RequestOptions,
  ToolsResponse,
} from "./prompt/prompt-types.js";
export type { StandardSchemaV1 } from "./prompt/standard-schema.js";
export type {
  NeutralClientOptions,
  NeutralPromptFactory,
  SwappablePromptFactory,
} from "./prompt/swappable-prompt-factory.js";
export { isReasoningBlock, type ReasoningBlock } from "./reasoning/reasoning-block.js";
export type { ReasoningEffort, ReasoningParams } from "./reasoning/reasoning-params.js";
export {
  type AnsweredBy,
  type FallbackCandidate,
  type FallbackCandidateResponse,
  type FallbackChunk,
  type FallbackOptions,
  type FallbackPrompt,
  type FallbackResponse,
  fallback,
} from "./reliability/fallback.js";
export { RELIABILITY_DEFAULTS, type ReliabilityOptions } from "./reliability/reliability-options.js";
export { ChunkStream } from "./stream/chunk-stream.js";
export { ResponseStream } from "./stream/response-stream.js";
export type {
  ResponseStreamSource,
  StreamCandidate,
  StreamMonitor,
  StreamObserver,
} from "./stream/response-stream-source.js";
export type { ResponseStreamBranch } from "./stream/tee-response-stream.js";
export {
  defineTool,
  type ToolDefinition,
  type ToolParameters,
  type ToolParametersOutput,
} from "./tools/define-tool.js";
export type {
  AnyTool,
  Tool,
  ToolArgsOf,
  ToolArgsResult,
  ToolCall,
  ToolCallOf,
  ToolContext,
  ToolResultOf,
} from "./tools/tool.js";
export type { PartialToolCall } from "./tools/tool-call-collector.js";
export type { ToolCallsResponseFields } from "./tools/tool-call-tracker.js";
export type { ToolLoopOptions } from "./tools/tool-loop-options.js";
export {
  type EmptyChunkFields,
  isToolStreamPart,
  type StepFinishPart,
  type StepStartPart,
  type StreamChunk,
  type ToolCallDeltaPart,
  type ToolCallErrorPart,
  type ToolCallPart,
  type ToolResultPart,
  type ToolStep,
  type ToolStreamPart,
  type ToolSuccessPart,
} from "./tools/tool-stream-parts.js";
export type { InvalidToolCall } from "./tools/validate-tool-call.js";
export {
  createUsageMeter,
  type UsageMeter,
  type UsageMeterOptions,
  type UsageTotals,
} from "./usage/usage-meter.js";
export type { WireChunk, WireError, WireEventName, WireResponse } from "./web/event-stream-wire.js";
export type { NodeServerResponseLike, PipeToNodeResponseOptions } from "./web/pipe-to-node-response.js";
