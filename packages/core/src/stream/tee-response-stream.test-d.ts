import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type {
  AdapterV1,
  CallParams,
  CallResponse,
  FinishReason,
  ResponseChunk,
  ResponseStreamBranch,
  StreamChunk,
  Usage,
} from "../index.js";
import { definePrompt, defineTool } from "../index.js";
import { teeResponseStream } from "./tee-response-stream.js";

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

declare const adapter: AdapterV1<CallParams, MemoryChunk, MemoryResponse>;
const MemoryPrompt = definePrompt(adapter);

/** The element type a stream or branch yields. */
type ChunkOf<T> = T extends AsyncIterable<infer TChunk> ? TChunk : never;

const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temp: 21 }),
});

describe("teeResponseStream types", () => {
  it("gives branches the stream's chunk and response types", async () => {
    class Plain extends MemoryPrompt({ template: "Hello" }) {}
    const stream = new Plain().stream();
    const [first, second] = teeResponseStream(stream);
    expectTypeOf(first).toEqualTypeOf<ResponseStreamBranch<MemoryChunk, MemoryResponse>>();
    expectTypeOf(second).toEqualTypeOf(first);
    expectTypeOf<ChunkOf<typeof first>>().toEqualTypeOf<ChunkOf<typeof stream>>();
    expectTypeOf(await first.response()).toEqualTypeOf(await stream.response());
    expectTypeOf(await first.text()).toEqualTypeOf<string>();
    for await (const chunk of first) expectTypeOf(chunk.raw).toEqualTypeOf<{ readonly delta: string }>();
  });

  it("passes a tool stream's parts through, narrowed by kind", async () => {
    class Forecaster extends MemoryPrompt({ template: "Weather in {city}", tools: [getWeather] }) {}
    const stream = new Forecaster({ city: "Paris" }).stream();
    const [branch] = teeResponseStream(stream);
    expectTypeOf<ChunkOf<typeof branch>>().toEqualTypeOf<StreamChunk<MemoryChunk, readonly [typeof getWeather]>>();
    expectTypeOf(await branch.response()).toEqualTypeOf(await stream.response());
    for await (const chunk of branch) {
      if (chunk.kind === "tool-result" && !chunk.isError) {
        expectTypeOf(chunk.result).toEqualTypeOf<{ city: string; temp: number }>();
      }
    }
  });

  it("splits a branch again into branches of the same types", () => {
    const [first] = teeResponseStream(new (MemoryPrompt({ template: "Hello" }))().stream());
    const [again] = teeResponseStream(first);
    expectTypeOf(again).toEqualTypeOf(first);
  });
});
