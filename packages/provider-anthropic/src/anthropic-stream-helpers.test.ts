/**
 * The stream helper suite, shared by every adapter (text(), textStream, response(),
 * toReadableStream(), reading once, leaving early, aborting, concurrency), run against the
 * Anthropic adapter through the real `@anthropic-ai/sdk`; then what only Anthropic's responses
 * carry: content blocks, cache tokens, and thinking kept apart from the answer.
 */
import {
  type ConformanceServer,
  createAnthropicTextEvents,
  type LoopbackClientOptions,
  splitWords,
  startAnthropicMessagesServer,
  trackServers,
} from "@promptstream/testing";
import { anthropicMessagesConformanceServer, describeStreamHelperSuite } from "@promptstream/testing/conformance";
import { afterEach, describe, expect, it } from "vitest";
import { AnthropicPrompt } from "./index.js";

describeStreamHelperSuite({
  name: "anthropic",
  Prompt: AnthropicPrompt,
  startServer: anthropicMessagesConformanceServer,
});

const PIECES = ["Pears", " are", " sweet", " in", " autumn."];
const USAGE = { input: 15, output: PIECES.length };

describe("what only Anthropic's responses carry", () => {
  const serve = trackServers(afterEach, anthropicMessagesConformanceServer);
  const serveEvents = trackServers(afterEach, startAnthropicMessagesServer);

  function ask(client: LoopbackClientOptions) {
    return new (AnthropicPrompt({ template: "Tell me about pears", client, maxRetries: 0 }))();
  }
  async function served(script: Parameters<ConformanceServer<LoopbackClientOptions>["script"]>[0]) {
    const server = await serve();
    server.script(script);
    return server;
  }

  it("response() gives the raw stop_reason, the cache tokens, no thinking and the text block", async () => {
    const server = await served({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE });
    const response = await ask(server.client).stream().response();
    expect(response.thinking).toBe("");
    expect(response.rawFinishReason).toBe("end_turn");
    expect(response.usage).toEqual({
      inputTokens: USAGE.input,
      outputTokens: USAGE.output,
      totalTokens: USAGE.input + USAGE.output,
      cachedInputTokens: 0,
      cacheCreationInputTokens: 0,
      reasoningTokens: undefined,
    });
    expect(response.contentBlocks).toEqual([{ type: "text", text: PIECES.join("") }]);
  });

  it("after an early break, response() keeps message_start's input tokens and the text block received", async () => {
    const server = await served({ kind: "text", pieces: PIECES, finishReason: "stop", usage: USAGE, delayMs: 30 });
    const stream = ask(server.client).stream();
    let textChunks = 0;
    for await (const chunk of stream) {
      if (chunk.content !== "") textChunks += 1;
      if (textChunks === 2) break;
    }
    expect(await server.requests[0]?.outcome).toBe("closed-early");
    const received = PIECES.slice(0, 2).join("");
    const response = await stream.response();
    expect(response.content).toBe(received);
    expect(response.contentBlocks).toEqual([{ type: "text", text: received }]);
    // message_start, which did arrive, carries the input tokens.
    expect(response.usage?.inputTokens).toBe(USAGE.input);
  });

  it("textStream and toReadableStream() give the answer only, never the thinking", async () => {
    const answer = "Pears ripen off the tree, keep for weeks, and bake well.";
    const thinking = "The user asks about pears; list three facts.";
    const server = await serveEvents(() => ({ events: createAnthropicTextEvents(answer, { thinking }) }));
    const client = {
      baseURL: server.baseURL,
      apiKey: "sk-ant-test-helpers-0000",
      maxRetries: 0,
      logLevel: "off",
    } as const;

    const pieces: string[] = [];
    for await (const piece of ask(client).stream().textStream) pieces.push(piece);
    expect(pieces).toEqual(splitWords(answer));
    expect(pieces.join("")).not.toContain(thinking);

    const body = await new Response(
      ask(client).stream().toReadableStream().pipeThrough(new TextEncoderStream()),
    ).text();
    expect(body).toBe(answer);

    const response = await ask(client).stream().response();
    expect(response.thinking).toBe(thinking);
    expect(response.content).toBe(answer);
  });
});
