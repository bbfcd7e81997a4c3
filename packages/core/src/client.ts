/**
 * @module @promptstream/core/client: reads a server's promptstream event stream back into chunks,
 * partial objects and the final response, in a browser (or any runtime with `fetch`). It imports
 * no Node built-in and no vendor SDK.
 */

// The types the client's own types use, so that a page can name them without importing the server entry.
export type { CallResponse } from "./adapter/v1/call-response.js";
export type { FinishReason } from "./adapter/v1/finish-reason.js";
export type { OutputMode } from "./adapter/v1/output-spec.js";
export type { RawToolCall } from "./adapter/v1/raw-tool-call.js";
export type { ResponseChunk } from "./adapter/v1/response-chunk.js";
export type { ToolCallDelta } from "./adapter/v1/tool-call-delta.js";
export type { Usage } from "./adapter/v1/usage.js";
export type { CacheHint } from "./caching/cache-hint.js";
export { ClientResponseStream } from "./client/client-response-stream.js";
export type {
  ClientChunk,
  ClientInvalidToolCall,
  ClientResponse,
  ClientStepFinishPart,
  ClientStreamChunk,
  ClientToolCallErrorPart,
  ClientToolCallPart,
  ClientToolPart,
  ClientToolResultPart,
  ClientToolStep,
} from "./client/client-types.js";
export {
  fetchResponseStream,
  type ReadResponseStreamOptions,
  readResponseStream,
} from "./client/open-response-stream.js";
export { ServerStreamError, type ServerStreamErrorOptions } from "./client/server-stream-error.js";
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
export type { DeepPartial } from "./output/output-schema.js";
export type { Cost } from "./pricing/cost.js";
export type { AssistantMessage, JsonValue, MessageToolCall, ProviderData } from "./prompt/message.js";
export type { ReasoningBlock } from "./reasoning/reasoning-block.js";
export type { ToolCall } from "./tools/tool.js";
export type { PartialToolCall } from "./tools/tool-call-collector.js";
export type { EmptyChunkFields, StepStartPart, ToolCallDeltaPart } from "./tools/tool-stream-parts.js";
export type { WireChunk, WireError, WireEventName, WireResponse } from "./web/event-stream-wire.js";
