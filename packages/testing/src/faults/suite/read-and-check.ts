import {
  type CallResponse,
  ProviderError,
  type ResponseChunk,
  type ResponseStream,
  StreamAbortedError,
  StreamConsumedError,
} from "@promptstream/core";
import { expect } from "vitest";
import type { ExpectedFailure, Outcome } from "./expected-failure.js";
import { TEXT } from "./scenario-script.js";

/** How a stream is read: `for await`, then `text()` and `response()`; or `text()` first, then `response()`. */
export type ReadMode = "for await" | "text()";
/** Every read mode, in the order a read scenario runs them. */
export const READ_MODES: readonly ReadMode[] = ["for await", "text()"];

/**
 * Reads `stream` one way and checks the outcome: the text exactly once, or the failure, the
 * same from every reader, with the text received before it equal to its `partialText`.
 */
export async function readAndCheck(
  stream: ResponseStream<ResponseChunk, CallResponse>,
  mode: ReadMode,
  outcome: Outcome,
  provider: string,
  where: string,
): Promise<void> {
  if (mode === "for await") {
    let received = "";
    let loopError: unknown;
    let failed = false;
    try {
      for await (const chunk of stream) received += chunk.content;
    } catch (error) {
      failed = true;
      loopError = error;
    }
    if ("text" in outcome) {
      expect(failed ? loopError : undefined, `the loop, ${where}`).toBeUndefined();
      expect(received, `the text, once, ${where}`).toBe(outcome.text);
      expect(await stream.text(), `text() after the loop, ${where}`).toBe(outcome.text);
      expectWholeResponse(await stream.response(), outcome.text);
    } else {
      expect(failed, `the loop fails, ${where}`).toBe(true);
      expectFailure(loopError, outcome.failure, provider, where);
      expect(received, `the text the loop received, ${where}`).toBe(outcome.failure.partialText);
      expect(await rejectionOf(stream.text()), `text() rejects with the loop's error, ${where}`).toBe(loopError);
      expect(await rejectionOf(stream.response()), `response() rejects with the loop's error, ${where}`).toBe(
        loopError,
      );
    }
  } else if ("text" in outcome) {
    expect(await stream.text(), `text(), ${where}`).toBe(outcome.text);
    expectWholeResponse(await stream.response(), outcome.text);
    expect(() => stream[Symbol.asyncIterator](), `a loop after text(), ${where}`).toThrow(StreamConsumedError);
  } else {
    const error = await rejectionOf(stream.text());
    expectFailure(error, outcome.failure, provider, where);
    expect(await rejectionOf(stream.response()), `response() rejects with text()'s error, ${where}`).toBe(error);
    expect(await rejectionOf(stream.text()), `text() again, ${where}`).toBe(error);
  }
  expect(stream.attempts, `stream.attempts, ${where}`).toBe(outcome.attempts);
}

/** Checks that `error` is the `expected` failure, as `provider` reports it. */
export function expectFailure(error: unknown, expected: ExpectedFailure, provider: string, where: string): void {
  expect(error, `the error's class, ${where}`).toBeInstanceOf(expected.Class);
  for (const Class of expected.alsoInstanceOf ?? []) expect(error, `the error's class, ${where}`).toBeInstanceOf(Class);
  const actual = error as Record<string, unknown>;
  const seen = {
    name: actual.name,
    code: actual.code,
    retryable: actual.retryable,
    partialText: actual.partialText,
    provider: actual.provider,
    ...(expected.status === undefined ? {} : { status: actual.status }),
    ...(expected.retryAfterMs === undefined ? {} : { retryAfterMs: actual.retryAfterMs }),
  };
  expect(seen, `the error, ${where}: ${String(error)}`).toEqual({
    name: expected.name,
    code: expected.code,
    retryable: expected.retryable,
    partialText: expected.partialText,
    provider,
    ...(expected.status === undefined ? {} : { status: expected.status }),
    ...(expected.retryAfterMs === undefined ? {} : { retryAfterMs: expected.retryAfterMs }),
  });
  if (expected.Class !== StreamAbortedError) expect(error, `a ProviderError, ${where}`).toBeInstanceOf(ProviderError);
  if (expected.messageIncludes !== undefined)
    expect((error as Error).message, `the message, ${where}`).toContain(expected.messageIncludes);
  if (expected.reason !== undefined)
    expect({ reason: actual.reason, cause: actual.cause }, `the abort reason, ${where}`).toEqual({
      reason: expected.reason,
      cause: expected.reason,
    });
}

/** Checks that `response` is a whole answer of `text`, finished with `"stop"`. */
export function expectWholeResponse(response: CallResponse, text = TEXT): void {
  expect(response.content).toBe(text);
  expect(response.finishReason).toBe("stop");
}

/** The error `promise` rejects with; throws if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
