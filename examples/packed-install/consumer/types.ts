// Type-checked with `tsc --noEmit` (strict, NodeNext) against the installed .d.ts files.
import type { CallResponse, FinishReason, ResponseChunk, ResponseStream } from "@promptstream/core";
import {
  type AnthropicCallResponse,
  Prompt as AnthropicNeutralPrompt,
  AnthropicPrompt,
} from "@promptstream/provider-anthropic";
import { type OpenAICallResponse, type OpenAICallResponseChunk, OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";

class RecipeRecommender extends OpenAIPrompt({
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
}) {}

class Untyped extends OpenAIPrompt({ template: "SYSTEM: Speak {language}.\nUSER: {question}" }) {}

export async function check(): Promise<void> {
  const stream: ResponseStream<OpenAICallResponseChunk, OpenAICallResponse> = new RecipeRecommender({
    ingredient: "apples",
  }).stream({ temperature: 0, maxTokens: 100 });
  for await (const chunk of stream) {
    const content: string = chunk.content;
    const raw: string = chunk.chunk.id;
    const reason: FinishReason | undefined = chunk.finishReason;
    void [content, raw, reason];
  }
  const response: OpenAICallResponse = await stream.response();
  const created: number = response.completion.created;
  void created;

  new Untyped({ language: "French", question: "Why?" });
  // @ts-expect-error: `question` is missing
  new Untyped({ language: "French" });
  // @ts-expect-error: `ingredients` is misspelled
  new RecipeRecommender({ ingredients: "apples" });
  // @ts-expect-error: not an OpenAI call param
  new RecipeRecommender({ ingredient: "apples" }).stream({ temprature: 0 });
}

/** The provider chosen at run time: the class keeps the neutral surface, typed. */
export async function checkRuntimeChoice(useAnthropic: boolean): Promise<string> {
  const { Prompt } = useAnthropic
    ? await import("@promptstream/provider-anthropic")
    : await import("@promptstream/provider-openai");
  class Ask extends Prompt({ template: "USER: {question}", callParams: { maxTokens: 50 } }) {}
  const stream: ResponseStream<ResponseChunk, CallResponse> = new Ask({ question: "hi" }).stream();
  for await (const chunk of stream) void chunk.content;
  // @ts-expect-error: `question` is missing
  new Ask({});
  return (await new Ask({ question: "hi" }).call()).content;
}

class Chef extends AnthropicPrompt({ template: "SYSTEM: Cook.\nUSER: {dish}", callParams: { maxTokens: 300 } }) {}
class SameChef extends AnthropicNeutralPrompt({ template: "SYSTEM: Cook.\nUSER: {dish}" }) {}

export async function checkAnthropic(): Promise<void> {
  const stream = new Chef({ dish: "tarte" }).stream({ stop: ["\n\n"] });
  for await (const chunk of stream) {
    const text: string = chunk.content + chunk.thinking;
    const type: string = chunk.type;
    void [text, type];
  }
  const response: AnthropicCallResponse = await stream.response();
  const blocks: number = response.contentBlocks.length;
  const thinking: string = response.thinking;
  void [blocks, thinking, new SameChef({ dish: "tarte" })];
  // @ts-expect-error: `dish` is missing
  new Chef({});
  // @ts-expect-error: not an Anthropic call param
  new Chef({ dish: "tarte" }).stream({ max_tokenz: 3 });
}

/** Tools from the published types: calls typed by name, args from the schema, parts told apart by `kind`. */
export async function checkTools(): Promise<number> {
  const { defineTool } = await import("@promptstream/core");
  const add = defineTool({ name: "add", parameters: z.object({ a: z.number(), b: z.number().default(1) }) });
  const shout = defineTool({ name: "shout", parameters: z.object({ text: z.string() }) });
  class Tools extends OpenAIPrompt({ template: "USER: {question}", tools: [add, shout] }) {}
  const stream = new Tools({ question: "2 + 3?" }).stream();
  for await (const chunk of stream) {
    if (chunk.kind === "tool-call" && chunk.toolCall.name === "shout") void chunk.toolCall.args.text.toUpperCase();
    if (chunk.kind === undefined) void chunk.chunk.id;
  }
  let sum = 0;
  for (const call of (await stream.response()).toolCalls) {
    if (call.name === "add") sum += call.args.a + call.args.b;
    // @ts-expect-error: `shout` has no `a`
    else sum += call.args.a;
  }
  return sum;
}

/** Structured output from the published types: partial objects deep-partial, the object the schema's output. */
export async function checkStructuredOutput(): Promise<string> {
  const Recipe = z.object({ title: z.string(), grams: z.array(z.number()), note: z.string().optional() });
  class Writer extends OpenAIPrompt({ template: "USER: {fruit}", output: Recipe }) {}
  const stream = new Writer({ fruit: "apples" }).stream();
  for await (const partial of stream.partialObjects) {
    const title: string | undefined = partial.title;
    const first: number | undefined = partial.grams?.[0];
    void [title, first];
  }
  const recipe: { title: string; grams: number[]; note?: string | undefined } = await stream.object();
  const { object, outputMode } = await new Writer({ fruit: "pears" }).call();
  const mode: "json_schema" | "tool" | "json" = outputMode;
  // @ts-expect-error: the object has no `steps`
  void object.steps;
  class Labels extends AnthropicPrompt({ template: "USER: {text}", output: z.array(z.enum(["a", "b"])) }) {}
  for await (const label of new Labels({ text: "x" }).stream().elementStream) {
    const one: "a" | "b" = label;
    void one;
  }
  return `${recipe.title} ${mode}`;
}

// The client module: its stream and errors are typed from the published .d.ts of @promptstream/core/client.
export async function checkClient(): Promise<void> {
  const { fetchResponseStream, RateLimitError } = await import("@promptstream/core/client");
  const stream = fetchResponseStream<{ title: string }>("/recipe", { method: "POST" });
  for await (const chunk of stream) {
    if (chunk.kind === "tool-call") {
      const name: string = chunk.toolCall.name;
      void name;
    } else if (chunk.kind === undefined) {
      const text: string = chunk.content;
      const reasoning: string = chunk.reasoning;
      void [text, reasoning];
    }
  }
  for await (const partial of stream.partialObjects) {
    const title: string | undefined = partial.title;
    void title;
  }
  const title: string = (await stream.object()).title;
  const error: unknown = undefined;
  if (error instanceof RateLimitError) {
    const partialText: string | undefined = error.partialText;
    void partialText;
  }
  void title;
}
