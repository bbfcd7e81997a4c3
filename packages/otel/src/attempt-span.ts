/**
 * @module The span of one request to the provider (an attempt: the first, or a retry), from the
 * moment it is sent to the end of its answer, its failure, or its cancellation.
 */
import { type Attributes, context, type Span, SpanKind, type Tracer, trace } from "@opentelemetry/api";
import {
  type AdapterV1Stream,
  type CallResponse,
  type MiddlewareRequest,
  type NextCall,
  type NextStream,
  PromptstreamError,
  type ResponseChunk,
} from "@promptstream/core";
import type { CallTrace } from "./call-trace.js";
import { ATTR, PS_ATTR, providerNameOf, responseAttributes } from "./gen-ai-attributes.js";
import { recordFailure } from "./record-failure.js";

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** Starts the span of `request`, under its step's or call's span (or the active span, for a call not traced here). */
function startAttempt(tracer: Tracer, request: MiddlewareRequest, callTrace: CallTrace | undefined) {
  const parent = callTrace?.parentOf(request.step) ?? context.active();
  const attributes: Attributes = {
    [PS_ATTR.attempt]: request.attempt,
    [PS_ATTR.step]: request.step,
    [ATTR.providerName]: providerNameOf(request.call.provider),
  };
  const model = request.params.model;
  if (typeof model === "string") attributes[ATTR.requestModel] = model;
  const span = tracer.startSpan("promptstream.attempt", { kind: SpanKind.INTERNAL, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/**
 * Sends a streamed request through `next` inside its attempt span (the active span while the
 * request is sent, so that HTTP instrumentation nests under it), and ends the span with the stream.
 */
export async function traceStreamAttempt(
  tracer: Tracer,
  request: MiddlewareRequest,
  next: NextStream,
  callTrace: CallTrace | undefined,
): Promise<AdapterV1Stream<ResponseChunk, CallResponse>> {
  const attempt = startAttempt(tracer, request, callTrace);
  let stream: AdapterV1Stream<ResponseChunk, CallResponse>;
  try {
    stream = await context.with(attempt.context, next, undefined, request);
  } catch (error) {
    endFailed(attempt.span, error, request.signal);
    throw error;
  }
  return { chunks: endingWith(stream.chunks, attempt.span, request.signal), createResponse: stream.createResponse };
}

/** Sends a non-streamed request through `next` inside its attempt span. */
export async function traceCallAttempt(
  tracer: Tracer,
  request: MiddlewareRequest,
  next: NextCall,
  callTrace: CallTrace | undefined,
): Promise<CallResponse> {
  const attempt = startAttempt(tracer, request, callTrace);
  let response: CallResponse;
  try {
    response = await context.with(attempt.context, next, undefined, request);
  } catch (error) {
    endFailed(attempt.span, error, request.signal);
    throw error;
  }
  attempt.span.setAttributes(responseAttributes(response));
  attempt.span.end();
  return response;
}

/**
 * Records why an attempt failed. Once its signal is aborted, what the adapter throws is only the
 * echo of the abort (e.g. "the stream broke off"): a timeout is recorded as the `TimeoutError` it
 * is, and any other abort (the caller's `abort()`, a `break`) marks the attempt cancelled, not failed.
 */
function endFailed(span: Span, error: unknown, signal: AbortSignal): void {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  if (signal.aborted && !isTimeout(reason)) span.setAttribute(PS_ATTR.cancelled, true);
  else recordFailure(span, signal.aborted ? reason : error);
  span.end();
}

function isTimeout(reason: unknown): boolean {
  return PromptstreamError.isInstance(reason) && reason.code === "timeout";
}

/**
 * The adapter's chunks, unchanged, ending `span` when they end, fail, or are closed early (a
 * `break`, an abort: marked `promptstream.cancelled`). A plain iterator rather than an async
 * generator: a generator's `return()` waits for a pending `next()`, and would hold back the
 * cancellation of a stalled request.
 */
function endingWith(
  chunks: AsyncIterable<ResponseChunk>,
  span: Span,
  signal: AbortSignal,
): AsyncIterable<ResponseChunk> {
  return {
    [Symbol.asyncIterator]() {
      const inner = chunks[Symbol.asyncIterator]();
      let ended = false;
      const end = (): void => {
        ended = true;
        span.end();
      };
      const onResult = (result: IteratorResult<ResponseChunk>) => {
        if (result.done === true && !ended) end();
        return result;
      };
      const onError = (error: unknown): never => {
        if (!ended) {
          ended = true;
          endFailed(span, error, signal);
        }
        throw error;
      };
      return {
        next: () => inner.next().then(onResult, onError),
        return: (value?: unknown) => {
          if (!ended) {
            span.setAttribute(PS_ATTR.cancelled, true);
            end();
          }
          return inner.return === undefined ? Promise.resolve(DONE) : inner.return(value);
        },
      };
    },
  };
}
