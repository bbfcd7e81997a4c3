import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  type CallResponse,
  definePrompt,
  fallback,
  ProviderError,
  RateLimitError,
  type ResponseChunk,
  StreamInterruptedError,
} from "../index.js";

/** A script per request: a failure before any chunk, or pieces of text (then maybe a failure). */
type Step = { fail: ProviderError } | { pieces: string[]; failAfter?: ProviderError };

interface ScriptedAdapter extends AdapterV1<object, ResponseChunk, CallResponse> {
  readonly requests: number;
}

/** An in-memory adapter answering its requests from `steps`, one step per request. */
function scripted(provider: string, steps: Step[]): ScriptedAdapter {
  let requests = 0;
  const next = (): Step => steps[Math.min(requests++, steps.length - 1)] as Step;
  const response = (content: string): CallResponse => ({
    content,
    finishReason: "stop",
    rawFinishReason: "stop",
    usage: undefined,
    model: `${provider}-model`,
    id: undefined,
    message: { role: "assistant", content },
  });
  return {
    specificationVersion: "v1",
    provider,
    get requests() {
      return requests;
    },
    async doCall() {
      const step = next();
      if ("fail" in step) throw step.fail;
      return response(step.pieces.join(""));
    },
    async doStream() {
      const step = next();
      if ("fail" in step) throw step.fail;
      async function* chunks(): AsyncGenerator<ResponseChunk> {
        for (const [index, content] of (step as { pieces: string[] }).pieces.entries()) {
          const last = index === (step as { pieces: string[] }).pieces.length - 1;
          yield {
            content,
            finishReason: last ? "stop" : undefined,
            rawFinishReason: last ? "stop" : undefined,
            usage: undefined,
          };
        }
        if ("failAfter" in step && step.failAfter !== undefined) throw step.failAfter;
      }
      return { chunks: chunks(), createResponse: (summary) => ({ ...response(summary.content), ...summary }) };
    },
  };
}

const rateLimited = (provider: string) =>
  new ProviderError("Slow down", { code: "rate_limited", provider, status: 429, retryAfterMs: 0 });
const unauthorized = (provider: string) =>
  new ProviderError("Bad key", { code: "authentication", provider, status: 401 });

function promptsFor(first: ScriptedAdapter, second: ScriptedAdapter) {
  class First extends definePrompt(first)({ template: "Recipe with {ingredient}", maxRetries: 1, retryDelayMs: 1 }) {}
  class Second extends definePrompt(second)({ template: "Recipe with {ingredient}", maxRetries: 0 }) {}
  return [new First({ ingredient: "apples" }), new Second({ ingredient: "apples" })] as const;
}

describe("fallback", () => {
  it("streams from the next prompt when the first fails with a retryable error before its first chunk, after its own retries", async () => {
    const first = scripted("alpha", [{ fail: rateLimited("alpha") }]);
    const second = scripted("beta", [{ pieces: ["Apple", " pie."] }]);
    const stream = fallback(promptsFor(first, second)).stream();
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.content);
    expect(pieces).toEqual(["Apple", " pie."]);
    expect(first.requests).toBe(2);
    expect(second.requests).toBe(1);
    expect(stream.attempts).toBe(3);
    expect(await stream.response()).toMatchObject({
      content: "Apple pie.",
      answeredBy: { index: 1, provider: "beta" },
      model: "beta-model",
    });
  });

  it("answers from the first prompt when it works, saying so", async () => {
    const first = scripted("alpha", [{ pieces: ["Tarte."] }]);
    const second = scripted("beta", [{ pieces: ["never"] }]);
    const response = await fallback(promptsFor(first, second)).call();
    expect(response).toMatchObject({ content: "Tarte.", answeredBy: { index: 0, provider: "alpha" } });
    expect(second.requests).toBe(0);
  });

  it("does not fall back on an error that is not retryable", async () => {
    const first = scripted("alpha", [{ fail: unauthorized("alpha") }]);
    const second = scripted("beta", [{ pieces: ["never"] }]);
    await expect(fallback(promptsFor(first, second)).stream().text()).rejects.toMatchObject({
      name: "AuthenticationError",
      provider: "alpha",
    });
    expect(second.requests).toBe(0);
  });

  it("never switches after a chunk reached the consumer: the failure is reported with the text so far", async () => {
    const cut = new ProviderError("Reset", { code: "stream_interrupted", provider: "alpha" });
    const first = scripted("alpha", [{ pieces: ["Half"], failAfter: cut }]);
    const second = scripted("beta", [{ pieces: ["never"] }]);
    const error = await fallback(promptsFor(first, second))
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ partialText: "Half", provider: "alpha" });
    expect(second.requests).toBe(0);
  });

  it("reports the last prompt's failure when every prompt fails", async () => {
    const first = scripted("alpha", [{ fail: rateLimited("alpha") }]);
    const second = scripted("beta", [{ fail: rateLimited("beta") }]);
    const error = await fallback(promptsFor(first, second))
      .call()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ provider: "beta" });
    expect(first.requests + second.requests).toBe(3);
  });

  it("refuses what is not a prompt instance, saying what to pass", () => {
    const notAPrompt = { stream: () => undefined } as never;
    expect(() => fallback([notAPrompt]).stream()).toThrow(/takes prompt instances/);
  });
});
