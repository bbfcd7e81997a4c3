/**
 * The stream helper suite, shared by every adapter (text(), textStream, response(),
 * toReadableStream(), reading once, leaving early, aborting, concurrency), run against the
 * OpenAI adapter through the real `openai` SDK; then what only OpenAI's responses carry.
 */
import { type ConformanceServer, type LoopbackClientOptions, trackServers } from "@promptstream/testing";
import { describeStreamHelperSuite, openAIChatConformanceServer } from "@promptstream/testing/conformance";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAIPrompt } from "./index.js";

describeStreamHelperSuite({ name: "openai", Prompt: OpenAIPrompt, startServer: openAIChatConformanceServer });

const PIECES = ["Pears", " are", " sweet", " in", " autumn."];
const USAGE = { input: 15, output: PIECES.length };

describe("what only OpenAI's responses carry", () => {
  const serve = trackServers(afterEach, openAIChatConformanceServer);

  function ask(server: ConformanceServer<LoopbackClientOptions>) {
    return new (OpenAIPrompt({ template: "Tell me about pears", client: server.client, maxRetries: 0 }))();
  }

  it("response() gives the raw finish_reason, no cached or reasoning token counts, and an empty refusal", async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE });
    const response = await ask(server).stream().response();
    expect(response.rawFinishReason).toBe("stop");
    expect(response.usage).toEqual({
      inputTokens: USAGE.input,
      outputTokens: USAGE.output,
      totalTokens: USAGE.input + USAGE.output,
      cachedInputTokens: undefined,
      reasoningTokens: undefined,
    });
    expect(response.refusal).toBe("");
  });

  it("after an early break, response() has no usage: OpenAI sends it in its last chunk only", async () => {
    const server = await serve();
    server.script({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE, delayMs: 30 });
    const stream = ask(server).stream();
    let textChunks = 0;
    for await (const chunk of stream) {
      if (chunk.content !== "") textChunks += 1;
      if (textChunks === 2) break;
    }
    expect(await server.requests[0]?.outcome).toBe("closed-early");
    const response = await stream.response();
    expect(response.content).toBe(PIECES.slice(0, 2).join(""));
    expect(response.usage).toBeUndefined();
  });
});
