/**
 * Swapping providers by an import chosen at run time: `Prompt` from either package, as a union,
 * still gives a class with the neutral surface typed, and a single import keeps its own types.
 */
import type { CallResponse, Message, ResponseChunk, ResponseStream } from "@promptstream/core";
import type * as anthropic from "@promptstream/provider-anthropic";
import type * as openai from "@promptstream/provider-openai";
import { describe, expectTypeOf, it } from "vitest";

declare const Prompt: typeof openai.Prompt | typeof anthropic.Prompt;
declare const OpenAIByNeutralName: typeof openai.Prompt;
declare const AnthropicByNeutralName: typeof anthropic.Prompt;

describe("a Prompt whose provider is chosen at run time", () => {
  it("is callable, extendable, and its instances stream and call with the neutral types", () => {
    class Ask extends Prompt({ template: "USER: {question}", callParams: { maxTokens: 100 } }) {}
    const ask = new Ask({ question: "hi" });
    expectTypeOf(ask.stream()).toEqualTypeOf<ResponseStream<ResponseChunk, CallResponse>>();
    expectTypeOf(ask.call()).resolves.toEqualTypeOf<CallResponse>();
    expectTypeOf(ask.stream({ temperature: 0 }).text()).resolves.toBeString();
    expectTypeOf(ask.messages()).toEqualTypeOf<Message[]>();
  });

  it("types the variables from the template, and rejects a missing one", () => {
    class Ask extends Prompt({ template: "USER: {question}" }) {}
    // @ts-expect-error the template needs `question`
    new Ask({ topic: "hi" });
  });

  it("takes neutral params and client options only: provider-specific ones need the provider's own factory", () => {
    Prompt({ template: "x", client: { baseURL: "http://127.0.0.1:8080", apiKey: "k" } });
    // @ts-expect-error `response_format` is OpenAI's alone
    Prompt({ template: "x", callParams: { response_format: { type: "json_object" } } });
  });
});

describe("a Prompt imported from one provider", () => {
  it("keeps that provider's chunk, response and params", () => {
    class Ask extends OpenAIByNeutralName({
      template: "USER: {question}",
      callParams: { response_format: { type: "json_object" } },
    }) {}
    const stream = new Ask({ question: "hi" }).stream();
    expectTypeOf(stream).toEqualTypeOf<ResponseStream<openai.OpenAICallResponseChunk, openai.OpenAICallResponse>>();
  });

  it("keeps Anthropic's own chunk fields too", () => {
    class Ask extends AnthropicByNeutralName({ template: "USER: {question}" }) {}
    expectTypeOf(new Ask({ question: "hi" }).stream()).toEqualTypeOf<
      ResponseStream<anthropic.AnthropicCallResponseChunk, anthropic.AnthropicCallResponse>
    >();
  });
});
