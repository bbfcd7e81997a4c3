/**
 * Helpers that core's own tests share. Only the tests import this module: it is not exported
 * from `index.ts`, so the build (which bundles what `index.ts` imports) leaves it out.
 *
 * Core's tests cannot use `@promptstream/testing`, which depends on core; its copies of
 * `thrownBy` and `rejectionOf` serve the provider packages' tests.
 */
import { type AdapterV1, type CallParams, type CallResponse, definePrompt, type ResponseChunk } from "./index.js";

/**
 * Runs `action` and returns what it threw, so that a test can check the error itself.
 * Fails when `action` returns without throwing.
 */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the action to throw");
}

/**
 * Waits for `promise` and returns what it rejected with, so that a test can check the error
 * itself. Fails when `promise` resolves.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** An adapter that is never asked to send anything, for tests that only build prompts and render templates. */
export const unusedAdapter: AdapterV1<CallParams, ResponseChunk, CallResponse> = {
  specificationVersion: "v1",
  provider: "memory",
  doCall: () => Promise.reject(new Error("not sent by these tests")),
  doStream: () => Promise.reject(new Error("not sent by these tests")),
};

/** `definePrompt` over {@link unusedAdapter}: prompt classes whose messages a test renders but never sends. */
export const MemoryPrompt = definePrompt(unusedAdapter);

/** Waits for the next macrotask, as a network read would; rejects at once when `signal` aborts. */
export function nextMacrotask(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, 0);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Never resolves; rejects with the signal's reason once it aborts: a read that waits for a stalled server. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
