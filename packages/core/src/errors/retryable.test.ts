/**
 * `retryable` means one thing for every error class: the same request may be sent again now and
 * may succeed, and nothing of the answer has reached the consumer (so a resend repeats nothing).
 * Each class is checked here through the public API, before and after the first chunk.
 */
import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  AuthenticationError,
  type CallParams,
  CallParamsError,
  type CallResponse,
  ConnectionError,
  definePrompt,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  PromptstreamError,
  PromptTemplateError,
  ProviderError,
  type ProviderErrorCode,
  RateLimitError,
  type ResponseChunk,
  ServerError,
  StreamAbortedError,
  StreamConsumedError,
  StreamInterruptedError,
  TimeoutError,
} from "../index.js";
import { rejectionOf, thrownBy, untilAborted } from "../test-support.js";

/** What a scripted stream does at each step: yield a piece of text, fail, or wait until aborted. */
type Step = string | { readonly fail: unknown } | "hang";

interface ScriptedAdapter extends AdapterV1<CallParams, ResponseChunk, CallResponse> {
  readonly requests: () => number;
}

/** An adapter whose every request plays `script`, or fails to start with `startFailure`. */
function scriptedAdapter(script: readonly Step[], startFailure?: unknown): ScriptedAdapter {
  let requests = 0;
  async function* chunks(signal: AbortSignal): AsyncGenerator<ResponseChunk> {
    for (const step of script) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      // An abort may come before the hang starts (a loaded machine): then the hang ends at once, as a real request's would.
      if (step === "hang") await untilAborted(signal);
      else if (typeof step === "object") throw step.fail;
      else yield { content: step, finishReason: undefined, rawFinishReason: undefined, usage: undefined };
    }
  }
  return {
    specificationVersion: "v1",
    provider: "memory",
    requests: () => requests,
    doCall: () => Promise.reject(new Error("not used")),
    async doStream(request) {
      requests += 1;
      if (startFailure !== undefined) throw startFailure;
      return {
        chunks: chunks(request.signal),
        createResponse: (summary) => ({ ...summary, model: "m", id: "i", message: { role: "assistant", content: "" } }),
      };
    },
  };
}

function ask(adapter: ScriptedAdapter, options: { maxRetries?: number; idleTimeout?: number; timeout?: number } = {}) {
  const Prompt = definePrompt(adapter);
  class Ask extends Prompt({ template: "Say {word}", maxRetries: 0, retryDelayMs: 1, ...options }) {}
  return new Ask({ word: "hi" });
}

function failure(code: ProviderErrorCode, status?: number): ProviderError {
  return ProviderError.create(`memory: ${code}`, { code, provider: "memory", status });
}

const TRANSIENT: ReadonlyArray<[ProviderErrorCode, new (...args: never[]) => ProviderError, number | undefined]> = [
  ["rate_limited", RateLimitError, 429],
  ["server_error", ServerError, 500],
  ["overloaded", OverloadedError, 529],
  ["connection", ConnectionError, undefined],
  ["timeout", TimeoutError, undefined],
  ["stream_interrupted", StreamInterruptedError, undefined],
];

const PERMANENT: ReadonlyArray<[ProviderErrorCode, new (...args: never[]) => ProviderError, number | undefined]> = [
  ["authentication", AuthenticationError, 401],
  ["permission_denied", PermissionDeniedError, 403],
  ["invalid_request", InvalidRequestError, 400],
  ["not_found", NotFoundError, 404],
  ["unknown", ProviderError, undefined],
];

describe("retryable: safe to send the same request again now", () => {
  describe.each(TRANSIENT)("%s (%o)", (code, ErrorClass, status) => {
    it("is true before the first chunk, and core retried it as the flag says", async () => {
      const adapter = scriptedAdapter([], failure(code, status));
      const stream = ask(adapter, { maxRetries: 1 }).stream();
      const error = await rejectionOf(stream.text());
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ code, retryable: true, partialText: "" });
      expect(adapter.requests()).toBe(2);
      expect(stream.attempts).toBe(2);
    });

    it("is false once a chunk reached the consumer, and core did not retry", async () => {
      const adapter = scriptedAdapter(["Hel", { fail: failure(code, status) }]);
      const stream = ask(adapter, { maxRetries: 3 }).stream();
      const seen: string[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) seen.push(chunk.content);
        })(),
      );
      expect(seen).toEqual(["Hel"]);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ code, retryable: false, partialText: "Hel" });
      expect(adapter.requests()).toBe(1);
    });

    it("is false after a first chunk that carried no text", async () => {
      const adapter = scriptedAdapter(["", { fail: failure(code, status) }]);
      const error = await rejectionOf(ask(adapter, { maxRetries: 3 }).stream().text());
      expect(error).toMatchObject({ code, retryable: false, partialText: "" });
      expect(adapter.requests()).toBe(1);
    });
  });

  describe.each(PERMANENT)("%s (%o)", (code, ErrorClass, status) => {
    it("is false, and core did not retry", async () => {
      const adapter = scriptedAdapter([], failure(code, status));
      const error = await rejectionOf(ask(adapter, { maxRetries: 3 }).stream().text());
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ code, retryable: false });
      expect(adapter.requests()).toBe(1);
    });
  });

  it("is false for a non-promptstream error an adapter throws (wrapped as code unknown)", async () => {
    const adapter = scriptedAdapter([], new TypeError("socket hang up"));
    const error = await rejectionOf(ask(adapter, { maxRetries: 3 }).stream().text());
    expect(error).toMatchObject({ name: "ProviderError", code: "unknown", retryable: false });
    expect(adapter.requests()).toBe(1);
  });

  it("TimeoutError from idleTimeout is true before the first chunk and false after it", async () => {
    const before = await rejectionOf(
      ask(scriptedAdapter(["hang"]), { idleTimeout: 20 })
        .stream()
        .text(),
    );
    expect(before).toBeInstanceOf(TimeoutError);
    expect(before).toMatchObject({ retryable: true, partialText: "" });
    const after = await rejectionOf(
      ask(scriptedAdapter(["Hel", "hang"]), { idleTimeout: 20 })
        .stream()
        .text(),
    );
    expect(after).toBeInstanceOf(TimeoutError);
    expect(after).toMatchObject({ retryable: false, partialText: "Hel" });
  });

  it("TimeoutError from the whole-call timeout is false once a chunk arrived", async () => {
    const error = await rejectionOf(
      ask(scriptedAdapter(["Hel", "hang"]), { timeout: 30 })
        .stream()
        .text(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ retryable: false, partialText: "Hel" });
  });

  it("is false for StreamAbortedError: the abort was yours", async () => {
    const stream = ask(scriptedAdapter(["Hel", "hang"])).stream();
    const reading = rejectionOf(stream.text());
    setTimeout(() => stream.abort(), 5);
    const error = await reading;
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({ code: "aborted", retryable: false });
  });

  it("is false for StreamConsumedError, PromptTemplateError and CallParamsError: resending cannot fix them", async () => {
    const adapter = scriptedAdapter(["Hi"]);
    const stream = ask(adapter).stream();
    await stream.text();
    const consumed = thrownBy(() => stream[Symbol.asyncIterator]());
    expect(consumed).toBeInstanceOf(StreamConsumedError);
    expect(consumed).toMatchObject({ retryable: false });

    const Prompt = definePrompt(adapter);
    class Ask extends Prompt({ template: "Say {word}" }) {}
    const template = thrownBy(() => new Ask({} as { word: string }));
    expect(template).toBeInstanceOf(PromptTemplateError);
    expect(template).toMatchObject({ retryable: false });

    const params = thrownBy(() => new Ask({ word: "hi" }).stream({ maxTokens: -1 }));
    expect(params).toBeInstanceOf(CallParamsError);
    expect(params).toMatchObject({ retryable: false });
  });

  it("defaults, for an error an adapter builds, to transient code and no partial text", () => {
    expect(new ServerError("x", { provider: "p" }).retryable).toBe(true);
    expect(new ServerError("x", { provider: "p", partialText: "Hel" }).retryable).toBe(false);
    expect(new AuthenticationError("x", { provider: "p" }).retryable).toBe(false);
    expect(new ConnectionError("x", { provider: "p", retryable: false }).retryable).toBe(false);
    expect(PromptstreamError.isInstance(new ConnectionError("x", { provider: "p" }))).toBe(true);
  });
});
