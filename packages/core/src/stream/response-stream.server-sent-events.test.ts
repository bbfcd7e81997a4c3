import { describe, expect, it } from "vitest";
import {
  definePrompt,
  END_OF_STREAM,
  type FinishReason,
  ProviderError,
  type ResponseChunk,
  readServerSentEvents,
  StreamAbortedError,
  type StreamSummary,
} from "../index.js";
import { rejectionOf } from "../test-support.js";
import { collectText } from "./response-stream.test-support.js";

// ---------------------------------------------------------------------------------------------
// An adapter that decodes an SSE body with readServerSentEvents, the way both built-in providers
// do. The whole body arrives in one read, so every chunk after the first is already held when it
// is asked for (the stream takes it without a network read).
// ---------------------------------------------------------------------------------------------

function sseAdapter(events: readonly string[], onCancel: () => void = () => {}) {
  return {
    specificationVersion: "v1" as const,
    provider: "sse",
    doCall: () => Promise.reject(new Error("unused")),
    async doStream() {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(events.map((data) => `data: ${data}\n\n`).join("")));
        },
        cancel: onCancel,
      });
      const chunks = readServerSentEvents(body, {
        event(data): ResponseChunk | typeof END_OF_STREAM {
          if (data === "[DONE]") return END_OF_STREAM;
          const parsed = JSON.parse(data) as { text?: string; error?: string; stop?: boolean };
          if (parsed.error !== undefined)
            throw new ProviderError(parsed.error, { provider: "sse", code: "server_error" });
          const finishReason: FinishReason | undefined = parsed.stop === true ? "stop" : undefined;
          return { content: parsed.text ?? "", finishReason, rawFinishReason: finishReason, usage: undefined };
        },
      });
      return {
        chunks,
        createResponse: (summary: StreamSummary) => ({
          ...summary,
          model: undefined,
          id: undefined,
          message: { role: "assistant" as const, content: summary.content },
        }),
      };
    },
  };
}

describe("ResponseStream over readServerSentEvents, with chunks already held from one read", () => {
  const words = ["Apple", " crumble", " for", " four", "."].map((text) => JSON.stringify({ text }));

  it("delivers every chunk in order and resolves response() at [DONE]", async () => {
    class Ask extends definePrompt(sseAdapter([...words, JSON.stringify({ stop: true }), "[DONE]"]))({
      template: "Go",
    }) {}
    const stream = new Ask().stream();
    expect(await collectText(stream)).toBe("Apple crumble for four.");
    await expect(stream.response()).resolves.toMatchObject({
      content: "Apple crumble for four.",
      finishReason: "stop",
    });
  });

  it("delivers no held chunk after abort(), and keeps the text received before it", async () => {
    class Ask extends definePrompt(sseAdapter([...words, "[DONE]"]))({ template: "Go" }) {}
    const stream = new Ask().stream();
    const seen: string[] = [];
    const failure = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk.content);
          if (seen.length === 2) stream.abort();
        }
      })(),
    );
    expect(seen).toEqual(["Apple", " crumble"]);
    expect(failure).toBeInstanceOf(StreamAbortedError);
    expect((failure as StreamAbortedError).partialText).toBe("Apple crumble");
  });

  it("serves the held chunks before a failing event, then fails with the text received", async () => {
    const events = [
      words[0] as string,
      words[1] as string,
      JSON.stringify({ error: "The model broke down." }),
      words[2] as string,
      "[DONE]",
    ];
    class Ask extends definePrompt(sseAdapter(events))({ template: "Go" }) {}
    const stream = new Ask().stream();
    const seen: string[] = [];
    const failure = await rejectionOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.content);
      })(),
    );
    expect(seen).toEqual(["Apple", " crumble"]);
    expect(failure).toBeInstanceOf(ProviderError);
    expect((failure as ProviderError).partialText).toBe("Apple crumble");
    await expect(stream.text()).rejects.toBe(failure);
  });

  it("cancels the body when the loop leaves early, and resolves response() with what arrived", async () => {
    let cancelled = false;
    class Ask extends definePrompt(sseAdapter([...words, "[DONE]"], () => (cancelled = true)))({ template: "Go" }) {}
    const stream = new Ask().stream();
    for await (const chunk of stream) if (chunk.content === " crumble") break;
    expect(cancelled).toBe(true);
    await expect(stream.response()).resolves.toMatchObject({ content: "Apple crumble", finishReason: undefined });
  });

  it("answers reads asked for at once, without awaiting each, in order", async () => {
    class Ask extends definePrompt(sseAdapter([...words, "[DONE]"]))({ template: "Go" }) {}
    const iterator = new Ask().stream()[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    expect(results.map((result) => (result.done === true ? "(done)" : result.value.content))).toEqual([
      "Apple",
      " crumble",
      " for",
      " four",
      ".",
      "(done)",
      "(done)",
    ]);
  });
});
