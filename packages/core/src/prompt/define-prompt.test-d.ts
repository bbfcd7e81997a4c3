import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type {
  AdapterV1,
  CallParams,
  CallResponse,
  ContentPart,
  FinishReason,
  ImagePart,
  Message,
  ResponseChunk,
  ResponseStream,
  Usage,
} from "../index.js";
import { definePrompt, document, image, isImagePart } from "../index.js";

interface MemoryParams extends CallParams {
  readonly reasoningEffort?: "low" | "high" | undefined;
}

class MemoryChunk implements ResponseChunk {
  readonly content: string = "";
  readonly finishReason: FinishReason | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  readonly raw: { readonly delta: string } = { delta: "" };
}

interface MemoryResponse extends CallResponse {
  readonly raw: { readonly requestId: string };
}

interface MemoryClient {
  readonly baseURL: string;
}

declare const adapter: AdapterV1<MemoryParams, MemoryChunk, MemoryResponse, MemoryClient>;
const MemoryPrompt = definePrompt(adapter);

class RecipeRecommender extends MemoryPrompt({ template: "Recommend recipes that use {ingredient}" }) {}
const recommender = new RecipeRecommender({ ingredient: "apples" });

describe("prompt constructors with a schema", () => {
  it("take the zod schema's input type", () => {
    const variables = z.object({ ingredient: z.string(), servings: z.number().int() });
    class Chef extends MemoryPrompt({ template: "Recommend {servings} recipes with {ingredient}", variables }) {}
    expectTypeOf<ConstructorParameters<typeof Chef>[0]>().toEqualTypeOf<z.input<typeof variables>>();
    new Chef({ ingredient: "apples", servings: 2 });
    // @ts-expect-error: servings must be a number for this schema
    new Chef({ ingredient: "apples", servings: "2" });
    // @ts-expect-error: ingredient is required by the schema
    new Chef({ servings: 2 });
  });

  it("take the input type and hold the output type of a schema that transforms", () => {
    const variables = z.object({ servings: z.string().transform(Number), ingredient: z.string().default("apples") });
    class Chef extends MemoryPrompt({ template: "Recommend {servings} recipes with {ingredient}", variables }) {}
    expectTypeOf<ConstructorParameters<typeof Chef>[0]>().toEqualTypeOf<{
      servings: string;
      ingredient?: string | undefined;
    }>();
    const chef = new Chef({ servings: "2" });
    expectTypeOf(chef.variables).toEqualTypeOf<Readonly<{ servings: number; ingredient: string }>>();
  });

  it("allow new X() when the schema requires nothing", () => {
    const variables = z.object({ ingredient: z.string().default("apples") });
    class Chef extends MemoryPrompt({ template: "Use {ingredient}", variables }) {}
    new Chef();
  });

  it("take a valibot schema's input type", () => {
    const variables = v.object({ ingredient: v.string(), servings: v.optional(v.number(), 2) });
    class Chef extends MemoryPrompt({ template: "Recommend {servings} recipes with {ingredient}", variables }) {}
    expectTypeOf<ConstructorParameters<typeof Chef>[0]>().toEqualTypeOf<v.InferInput<typeof variables>>();
    // @ts-expect-error: ingredient is required by the schema
    new Chef({});
  });
});

describe("prompt instances", () => {
  it("stream the adapter's own chunk type, not the bare ResponseChunk", async () => {
    const stream = recommender.stream();
    expectTypeOf(stream).toEqualTypeOf<ResponseStream<MemoryChunk, MemoryResponse>>();
    for await (const chunk of stream) {
      expectTypeOf(chunk).toEqualTypeOf<MemoryChunk>();
      expectTypeOf(chunk.raw.delta).toEqualTypeOf<string>();
    }
    expectTypeOf(stream.textStream).toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf(stream.toReadableStream()).toEqualTypeOf<ReadableStream<string>>();
    expectTypeOf(stream.text()).toEqualTypeOf<Promise<string>>();
    expectTypeOf(stream.response()).toEqualTypeOf<Promise<MemoryResponse>>();
  });

  it("resolve call() to the adapter's response type", () => {
    expectTypeOf(recommender.call()).toEqualTypeOf<Promise<MemoryResponse>>();
    expectTypeOf(recommender.call()).resolves.toHaveProperty("raw").toEqualTypeOf<{ readonly requestId: string }>();
  });

  it("render provider-neutral messages", () => {
    expectTypeOf(recommender.messages()).toEqualTypeOf<Message[]>();
  });

  it("type call params by the adapter's params type", () => {
    recommender.stream({ temperature: 0, reasoningEffort: "high" });
    recommender.call({ model: "memory-1", stop: ["\n"], reasoningEffort: "low" });
    // @ts-expect-error: not a param of this adapter
    recommender.stream({ temprature: 0 });
    // @ts-expect-error: not a param of this adapter
    recommender.call({ effort: "high" });
    // @ts-expect-error: not a value this param takes
    recommender.call({ reasoningEffort: "max" });
    // @ts-expect-error: temperature is a number
    recommender.stream({ temperature: "0" });
  });

  it("type definition and instance params and clients by the adapter's types", () => {
    MemoryPrompt({ template: "Hi", callParams: { reasoningEffort: "low" }, client: { baseURL: "http://localhost" } });
    // @ts-expect-error: not a param of this adapter
    MemoryPrompt({ template: "Hi", callParams: { temprature: 0 } });
    // @ts-expect-error: not this adapter's client
    MemoryPrompt({ template: "Hi", client: { url: "http://localhost" } });
    new RecipeRecommender(
      { ingredient: "apples" },
      { callParams: { maxTokens: 10 }, client: { baseURL: "http://localhost" } },
    );
    // @ts-expect-error: not a param of this adapter
    new RecipeRecommender({ ingredient: "apples" }, { callParams: { maxTokenz: 10 } });
    recommender.call(undefined, { client: { baseURL: "http://localhost" }, signal: AbortSignal.timeout(1000) });
    // @ts-expect-error: not this adapter's client
    recommender.call(undefined, { client: "http://localhost" });
  });

  it("accept no client for an adapter that declares none", () => {
    const NoClientPrompt = definePrompt({} as AdapterV1<CallParams, ResponseChunk, CallResponse>);
    class Greeter extends NoClientPrompt({ template: "Hi" }) {}
    new Greeter().call(undefined, { signal: AbortSignal.timeout(1000) });
    // @ts-expect-error: this adapter takes no client
    new Greeter().call(undefined, { client: { baseURL: "http://localhost" } });
  });
});

describe("media variables", () => {
  class Describe extends MemoryPrompt({ template: "Describe {photo} in the style of {artist}" }) {}

  it("take an image or document part where a template has a placeholder", () => {
    new Describe({ photo: image(new Uint8Array(4), "image/png"), artist: "Hokusai" });
    new Describe({ photo: [document("https://example.com/a.pdf"), "and"], artist: "Hokusai" });
    // @ts-expect-error: a plain object is not an image part
    new Describe({ photo: { url: "https://example.com/cat.png" }, artist: "Hokusai" });
  });

  it("are typed from a schema that declares them with isImagePart", () => {
    class Typed extends MemoryPrompt({
      template: "Describe {photo}",
      variables: z.object({ photo: z.custom<ImagePart>(isImagePart) }),
    }) {}
    expectTypeOf<ConstructorParameters<typeof Typed>[0]>().toEqualTypeOf<{ photo: ImagePart }>();
  });

  it("give user messages whose content is text or parts, and reasoning on streams", () => {
    expectTypeOf<Extract<Message, { role: "user" }>["content"]>().toEqualTypeOf<string | readonly ContentPart[]>();
    expectTypeOf(
      new Describe({ photo: image("https://x.test/a.png"), artist: "x" }).stream().reasoningStream,
    ).toEqualTypeOf<AsyncIterable<string>>();
  });
});
