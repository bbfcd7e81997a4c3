import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AdapterV1,
  type AdapterV1Request,
  type CallParams,
  type CallResponse,
  definePrompt,
  ProviderError,
  RateLimitError,
  type ResponseChunk,
  StreamAbortedError,
} from "../index.js";
import { rejectionOf } from "../test-support.js";

// A small in-memory adapter, written against the public AdapterV1 contract: it records each
// request, streams one chunk echoing the last message, and answers doCall from `answer`.

interface MemoryParams extends CallParams {
  readonly user?: string | undefined;
}

interface MemoryClient {
  readonly name: string;
}

type MemoryRequest = AdapterV1Request<MemoryParams, MemoryClient>;

interface RecordingAdapter extends AdapterV1<MemoryParams, ResponseChunk, CallResponse, MemoryClient> {
  readonly requests: MemoryRequest[];
}

function createRecordingAdapter(answer: (request: MemoryRequest) => Promise<CallResponse> = respond): RecordingAdapter {
  const requests: MemoryRequest[] = [];
  return {
    specificationVersion: "v1",
    provider: "memory",
    requests,
    doCall(request) {
      requests.push(request);
      return answer(request);
    },
    async doStream(request) {
      requests.push(request);
      const content = String(request.messages.at(-1)?.content ?? "");
      async function* chunks(): AsyncGenerator<ResponseChunk> {
        yield { content, finishReason: "stop", rawFinishReason: "stop", usage: undefined };
      }
      return {
        chunks: chunks(),
        createResponse: (summary) => ({
          ...summary,
          model: "memory-1",
          id: "stream",
          message: { role: "assistant", content: summary.content },
        }),
      };
    },
  };
}

async function respond(request: MemoryRequest): Promise<CallResponse> {
  const content = `echo: ${request.messages.at(-1)?.content ?? ""}`;
  return {
    content,
    finishReason: "stop",
    rawFinishReason: "stop",
    usage: undefined,
    model: request.params.model,
    id: "call",
    message: { role: "assistant", content },
  };
}

describe("definePrompt requests", () => {
  it("hands the adapter the rendered messages, params merged definition < instance < call, and the call's client", async () => {
    const adapter = createRecordingAdapter();
    const MemoryPrompt = definePrompt(adapter);
    class Chef extends MemoryPrompt({
      template: "SYSTEM: You are a chef.\nUSER: Recommend recipes that use {ingredient}",
      callParams: { model: "small", temperature: 0.2, maxTokens: 100, user: "definition" },
      client: { name: "definition client" },
    }) {}
    const chef = new Chef(
      { ingredient: "apples" },
      { callParams: { temperature: 0.5, user: "instance", seed: undefined }, client: { name: "instance client" } },
    );
    await chef.stream({ temperature: 0.9, model: undefined }, { client: { name: "call client" } }).text();

    expect(adapter.requests).toHaveLength(1);
    expect(adapter.requests[0]).toEqual({
      messages: [
        { role: "system", content: "You are a chef." },
        { role: "user", content: "Recommend recipes that use apples" },
      ],
      params: { model: "small", temperature: 0.9, maxTokens: 100, user: "instance" },
      client: { name: "call client" },
      signal: expect.any(AbortSignal),
    });
  });

  it("gives call() the same request as stream()", async () => {
    const adapter = createRecordingAdapter();
    const MemoryPrompt = definePrompt(adapter);
    class Chef extends MemoryPrompt({
      template: "Use {ingredient}",
      callParams: { model: "small" },
      client: { name: "definition client" },
    }) {}
    const chef = new Chef({ ingredient: "apples" }, { callParams: { seed: 3 } });
    await chef.call({ temperature: 0 });
    await chef.stream({ temperature: 0 }).text();
    const [called, streamed] = adapter.requests;
    expect(called).toEqual({
      messages: [{ role: "user", content: "Use apples" }],
      params: { model: "small", seed: 3, temperature: 0 },
      client: { name: "definition client" },
      signal: expect.any(AbortSignal),
    });
    expect({ ...streamed, signal: undefined }).toEqual({ ...called, signal: undefined });
  });

  it("chooses the most specific client given: call, then instance, then definition", async () => {
    const adapter = createRecordingAdapter();
    const MemoryPrompt = definePrompt(adapter);
    class Chef extends MemoryPrompt({ template: "Use {ingredient}", client: { name: "definition" } }) {}
    class Plain extends MemoryPrompt({ template: "Use {ingredient}" }) {}
    const withInstanceClient = new Chef({ ingredient: "apples" }, { client: { name: "instance" } });
    await withInstanceClient.call(undefined, { client: { name: "call" } });
    await withInstanceClient.call();
    await new Chef({ ingredient: "apples" }).call();
    await new Plain({ ingredient: "apples" }).call();
    expect(adapter.requests.map((request) => request.client)).toEqual([
      { name: "call" },
      { name: "instance" },
      { name: "definition" },
      undefined,
    ]);
  });

  it("does not carry one call's params into the next call of the same instance", async () => {
    const adapter = createRecordingAdapter();
    const MemoryPrompt = definePrompt(adapter);
    class Chef extends MemoryPrompt({ template: "Use {ingredient}", callParams: { temperature: 0.2 } }) {}
    const chef = new Chef({ ingredient: "apples" });
    await chef.call({ temperature: 1, user: "first" });
    await chef.call();
    expect(adapter.requests.map((request) => request.params)).toEqual([
      { temperature: 1, user: "first" },
      { temperature: 0.2 },
    ]);
  });

  it("sends the schema's output, not the raw input", async () => {
    const adapter = createRecordingAdapter();
    const MemoryPrompt = definePrompt(adapter);
    class Chef extends MemoryPrompt({
      template: "Use {ingredient}",
      variables: z.object({ ingredient: z.string().transform((value) => value.toUpperCase()) }),
    }) {}
    await new Chef({ ingredient: "apples" }).call();
    expect(adapter.requests[0]?.messages).toEqual([{ role: "user", content: "Use APPLES" }]);
  });
});

describe("definePrompt call()", () => {
  it("resolves to the adapter's response", async () => {
    const adapter = createRecordingAdapter();
    class Chef extends definePrompt(adapter)({ template: "Use {ingredient}", callParams: { model: "small" } }) {}
    expect(await new Chef({ ingredient: "apples" }).call()).toEqual({
      content: "echo: Use apples",
      finishReason: "stop",
      rawFinishReason: "stop",
      usage: undefined,
      model: "small",
      id: "call",
      message: { role: "assistant", content: "echo: Use apples" },
    });
  });

  it("maps an error that is not a promptstream error to a ProviderError with code unknown, keeping it as cause", async () => {
    const cause = new TypeError("fetch failed");
    const adapter = createRecordingAdapter(() => Promise.reject(cause));
    class Chef extends definePrompt(adapter)({ template: "Use {ingredient}" }) {}
    const error = await rejectionOf(new Chef({ ingredient: "apples" }).call());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      name: "ProviderError",
      code: "unknown",
      provider: "memory",
      message: "The memory request failed: fetch failed",
      status: undefined,
      retryable: false,
      partialText: "",
      cause,
    });
  });

  it("maps a thrown non-Error value to a ProviderError with code unknown", async () => {
    const adapter = createRecordingAdapter(() => Promise.reject("socket closed"));
    class Chef extends definePrompt(adapter)({ template: "Use {ingredient}" }) {}
    expect(await rejectionOf(new Chef({ ingredient: "apples" }).call())).toMatchObject({
      name: "ProviderError",
      code: "unknown",
      message: "The memory request failed: socket closed",
      cause: "socket closed",
    });
  });

  it("passes a ProviderError from the adapter on as its code's subclass, keeping every field", async () => {
    const failure = new ProviderError("Rate limit reached", {
      code: "rate_limited",
      provider: "memory",
      status: 429,
      retryAfterMs: 2000,
    });
    const adapter = createRecordingAdapter(() => Promise.reject(failure));
    class Chef extends definePrompt(adapter)({ template: "Use {ingredient}", maxRetries: 0 }) {}
    const error = await rejectionOf(new Chef({ ingredient: "apples" }).call());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      name: "RateLimitError",
      message: "Rate limit reached",
      code: "rate_limited",
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(adapter.requests).toHaveLength(1);
  });

  it("rejects with StreamAbortedError when the call's signal aborts the request", async () => {
    const adapter = createRecordingAdapter(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(new Error("aborted by signal")), { once: true }),
        ),
    );
    class Chef extends definePrompt(adapter)({ template: "Use {ingredient}" }) {}
    const controller = new AbortController();
    const pending = rejectionOf(new Chef({ ingredient: "apples" }).call(undefined, { signal: controller.signal }));
    controller.abort("user left");
    const error = await pending;
    expect(error).toBeInstanceOf(StreamAbortedError);
    expect(error).toMatchObject({
      name: "StreamAbortedError",
      code: "aborted",
      provider: "memory",
      partialText: "",
      reason: "user left",
    });
  });

  it("rejects with StreamAbortedError when the instance's signal aborts the request", async () => {
    const adapter = createRecordingAdapter(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }),
        ),
    );
    class Chef extends definePrompt(adapter)({ template: "Use {ingredient}" }) {}
    const controller = new AbortController();
    const pending = rejectionOf(new Chef({ ingredient: "apples" }, { signal: controller.signal }).call());
    controller.abort();
    expect(await pending).toBeInstanceOf(StreamAbortedError);
    expect(adapter.requests[0]?.signal.aborted).toBe(true);
  });
});

describe("definePrompt classes", () => {
  it("names errors after the class that extends the factory's class", () => {
    const MemoryPrompt = definePrompt(createRecordingAdapter());
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}" }) {}
    class Subclass extends RecipeRecommender {}
    expect(() => new Subclass({} as never)).toThrow(/^Subclass: missing variable "ingredient"/);
  });

  it("makes instances of the class that extends it, carrying its own methods", () => {
    const MemoryPrompt = definePrompt(createRecordingAdapter());
    class RecipeRecommender extends MemoryPrompt({ template: "Use {ingredient}" }) {
      describe(): string {
        return `recipes with ${String(this.variables.ingredient)}`;
      }
    }
    const recommender = new RecipeRecommender({ ingredient: "apples" });
    expect(recommender).toBeInstanceOf(RecipeRecommender);
    expect(recommender.describe()).toBe("recipes with apples");
  });
});

describe("definePrompt checks its adapter", () => {
  const base = {
    specificationVersion: "v1" as const,
    provider: "memory",
    doCall: () => Promise.reject(new Error("unused")),
    doStream: () => Promise.reject(new Error("unused")),
  };

  it("refuses an adapter of another contract version, saying what to do", () => {
    const later = { ...base, specificationVersion: "v2" } as unknown as typeof base;
    expect(() => definePrompt(later)).toThrow(/specificationVersion "v1"; got "v2".*newer @promptstream\/core/);
  });

  it("refuses an adapter without doStream, or without a provider id", () => {
    const { doStream: _doStream, ...withoutStream } = base;
    expect(() => definePrompt(withoutStream as typeof base)).toThrow(/"memory" adapter has no doStream\(\)/);
    expect(() => definePrompt({ ...base, provider: "" })).toThrow(/needs a `provider` id/);
  });

  it("accepts a well-formed v1 adapter", () => {
    expect(typeof definePrompt(base)).toBe("function");
  });
});
