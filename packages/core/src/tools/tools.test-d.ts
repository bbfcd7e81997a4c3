import { toStandardJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type {
  AdapterV1,
  CallParams,
  CallResponse,
  FinishReason,
  InvalidToolCall,
  ResponseChunk,
  ToolCall,
  ToolStep,
  Usage,
} from "../index.js";
import { definePrompt, defineTool, jsonSchema } from "../index.js";

class MemoryChunk implements ResponseChunk {
  readonly content: string = "";
  readonly finishReason: FinishReason | undefined;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  readonly raw: { readonly delta: string } = { delta: "" };
}

declare const adapter: AdapterV1<CallParams, MemoryChunk, CallResponse>;
const MemoryPrompt = definePrompt(adapter);

const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string(), unit: z.enum(["c", "f"]).default("c") }),
  execute: async ({ city, unit }) => ({ city, unit, temp: 21 }),
});
const planTrip = defineTool({
  name: "plan_trip",
  parameters: toStandardJsonSchema(v.object({ city: v.string(), days: v.optional(v.number(), 3) })),
});
const search = defineTool({
  name: "search",
  parameters: jsonSchema<{ query: string; limit?: number }>({ type: "object" }),
  execute: ({ query }) => `results for ${query}`,
});

class Planner extends MemoryPrompt({ template: "Plan {city}", tools: [getWeather, planTrip, search] }) {}
const planner = new Planner({ city: "Paris" });

describe("defineTool", () => {
  it("types a tool's arguments from its schema's output, with defaults applied", () => {
    expectTypeOf(getWeather.name).toEqualTypeOf<"get_weather">();
    expectTypeOf<Parameters<NonNullable<typeof getWeather.execute>>[0]>().toEqualTypeOf<{
      city: string;
      unit: "c" | "f";
    }>();
    expectTypeOf<Parameters<NonNullable<typeof planTrip.execute>>[0]>().toEqualTypeOf<{ city: string; days: number }>();
    expectTypeOf<Parameters<NonNullable<typeof search.execute>>[0]>().toEqualTypeOf<{
      query: string;
      limit?: number;
    }>();
  });

  it("types execute's context and refuses an execute that reads an argument the schema lacks", () => {
    defineTool({
      name: "get_time",
      parameters: z.object({ zone: z.string() }),
      execute: (args, context) => {
        expectTypeOf(args.zone).toEqualTypeOf<string>();
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
        expectTypeOf(context.toolCallId).toEqualTypeOf<string>();
        // @ts-expect-error: the schema has no `city`
        return args.city;
      },
    });
  });
});

describe("a prompt's typed tool calls", () => {
  it("types response.toolCalls as a union discriminated by name, args from each tool's schema", async () => {
    const response = await planner.call();
    type Call = (typeof response.toolCalls)[number];
    expectTypeOf<Call>().toEqualTypeOf<
      | ToolCall<"get_weather", { city: string; unit: "c" | "f" }>
      | ToolCall<"plan_trip", { city: string; days: number }>
      | ToolCall<"search", { query: string; limit?: number }>
    >();
    for (const call of response.toolCalls) {
      if (call.name === "get_weather") {
        expectTypeOf(call.args.unit).toEqualTypeOf<"c" | "f">();
        // @ts-expect-error: get_weather's arguments have no `days`
        call.args.days;
      } else if (call.name === "plan_trip") {
        expectTypeOf(call.args.days).toEqualTypeOf<number>();
      } else {
        expectTypeOf(call.args.limit).toEqualTypeOf<number | undefined>();
      }
    }
    expectTypeOf(response.invalidToolCalls).toEqualTypeOf<readonly InvalidToolCall[]>();
    expectTypeOf(response.steps).toEqualTypeOf<
      ReadonlyArray<ToolStep<readonly [typeof getWeather, typeof planTrip, typeof search]>>
    >();
  });

  it("keeps the response and chunk types of a prompt without tools", async () => {
    class Plain extends MemoryPrompt({ template: "Hello" }) {}
    const stream = new Plain().stream();
    expectTypeOf(await stream.response()).toEqualTypeOf<CallResponse>();
    expectTypeOf(await new Plain().call()).toEqualTypeOf<CallResponse>();
    for await (const chunk of stream) expectTypeOf(chunk).toEqualTypeOf<MemoryChunk>();
    // @ts-expect-error: a prompt without tools has no toolCalls
    (await new Plain().call()).toolCalls;
  });

  it("types the stream's elements as the adapter's chunks and the parts, narrowed by kind", async () => {
    const stream = planner.stream();
    expectTypeOf((await stream.response()).toolCalls).toEqualTypeOf((await planner.call()).toolCalls);
    for await (const chunk of stream) {
      expectTypeOf(chunk.content).toEqualTypeOf<string>();
      if (chunk.kind === undefined) expectTypeOf(chunk.raw).toEqualTypeOf<{ readonly delta: string }>();
      if (chunk.kind === "tool-call" && chunk.toolCall.name === "plan_trip") {
        expectTypeOf(chunk.toolCall.args).toEqualTypeOf<{ city: string; days: number }>();
      }
      if (chunk.kind === "tool-call-error") expectTypeOf(chunk.toolCall).toEqualTypeOf<InvalidToolCall>();
      if (chunk.kind === "step-start") expectTypeOf(chunk.step).toEqualTypeOf<number>();
      if (chunk.kind === "step-finish") expectTypeOf(chunk.step.content).toEqualTypeOf<string>();
      if (chunk.kind === "tool-result" && !chunk.isError) {
        // Every tool with execute, and none of plan_trip, which has no execute and so no result.
        expectTypeOf(chunk.result).toEqualTypeOf<{ city: string; unit: "c" | "f"; temp: number } | string>();
        if (chunk.toolName === "get_weather") {
          expectTypeOf(chunk.result).toEqualTypeOf<{ city: string; unit: "c" | "f"; temp: number }>();
          expectTypeOf(chunk.toolCall.args).toEqualTypeOf<{ city: string; unit: "c" | "f" }>();
        }
        if (chunk.toolName === "search") expectTypeOf(chunk.result).toEqualTypeOf<string>();
      }
      if (chunk.kind === "tool-result" && chunk.isError) expectTypeOf(chunk.result).toEqualTypeOf<string>();
    }
  });

  it("refuses a tool list that is not made of tools, and tool options of the wrong type", () => {
    // @ts-expect-error: a tool needs a name and its validator
    MemoryPrompt({ template: "Hi", tools: [{ name: "x" }] });
    // @ts-expect-error: maxSteps is a number
    new Planner({ city: "Paris" }, { maxSteps: "3" });
    // @ts-expect-error: toolErrors is "send" or "throw"
    planner.stream(undefined, { toolErrors: "ignore" });
  });
});
