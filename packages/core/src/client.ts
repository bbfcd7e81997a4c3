/**
 * @module @promptstream/core/client: reads a server's promptstream event stream back into chunks,
 * partial objects and the final response, in a browser (or any runtime with `fetch`). It imports
 * no Node built-in and no vendor SDK.
 */

export { ClientResponseStream } from "./client/client-response-stream.js";
export type { ClientChunk, ClientResponse, ClientStreamChunk } from "./client/client-types.js";
export {
  fetchResponseStream,
  type ReadResponseStreamOptions,
  readResponseStream,
} from "./client/open-response-stream.js";
export { ServerStreamError, type ServerStreamErrorOptions } from "./client/server-stream-error.js";
export { PromptstreamError } from "./errors/promptstream-error.js";
export {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  ProviderError,
  type ProviderErrorCode,
  RateLimitError,
  ServerError,
  StreamInterruptedError,
  TimeoutError,
} from "./errors/provider-error.js";
export { StreamAbortedError } from "./errors/stream-aborted-error.js";
export { StreamConsumedError } from "./errors/stream-consumed-error.js";
export type { DeepPartial } from "./output/output-schema.js";
export type { WireChunk, WireError, WireEventName, WireResponse } from "./web/event-stream-wire.js";
