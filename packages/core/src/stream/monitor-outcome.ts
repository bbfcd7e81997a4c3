import type { CallResponse } from "../adapter/v1/call-response.js";
import type { PromptstreamError } from "../errors/promptstream-error.js";
import type { StreamMonitor } from "./response-stream-source.js";

/**
 * A stream's settle and fail functions that also tell the middleware's observers how the stream
 * ended: once, whichever comes first, before the consumer's promise settles.
 */
export function toldOnce<TResponse extends CallResponse>(
  monitor: StreamMonitor,
  settle: (response: TResponse) => void,
  fail: (error: unknown) => void,
): [settle: (response: TResponse) => void, fail: (error: unknown) => void] {
  let told = false;
  return [
    (response) => {
      if (!told) monitor.onFinish(response);
      told = true;
      settle(response);
    },
    (error) => {
      if (!told) monitor.onError(error as PromptstreamError);
      told = true;
      fail(error);
    },
  ];
}
