import { StreamConsumedError } from "@promptstream/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../assertions.js";
import { answerFor, pause, piecesFor, type StreamHelperContext, usageFor } from "./stream-helper-context.js";

/**
 * Registers the stream helper suite's tests of reading a whole stream: text(), textStream,
 * response() and toReadableStream(), and that a stream is read once.
 */
export function describeStreamReads<TClient>(context: StreamHelperContext<TClient>): void {
  const { ask, requests, requestAt } = context;

  describe("text(), textStream, response(), toReadableStream()", () => {
    it("text() sends one request and resolves to the whole text", async () => {
      const stream = ask("apples").stream();
      expect(requests()).toHaveLength(0);
      expect(await stream.text()).toBe(answerFor("apples"));
      expect(requests()).toHaveLength(1);
      expect(await requestAt(0).outcome).toBe("finished");
    });

    it("response() resolves to content, finish reason, usage, model, id and the assistant message", async () => {
      const stream = ask("pears").stream();
      const response = await stream.response();
      const usage = usageFor("pears");
      expect(response.content).toBe(answerFor("pears"));
      expect(response.finishReason).toBe("stop");
      expect(response.usage).toMatchObject({
        inputTokens: usage.input,
        outputTokens: usage.output,
        totalTokens: usage.input + usage.output,
      });
      expect(response.model).toBe(context.expectedModel);
      expect(response.id).toBe(context.expectedId("pears"));
      expect(response.message).toEqual({ role: "assistant", content: answerFor("pears") });
      // text() and a second response() read the same outcome, with no new request.
      expect(await stream.text()).toBe(answerFor("pears"));
      expect(await stream.response()).toBe(response);
      expect(requests()).toHaveLength(1);
    });

    it("text() and response() called together share one request", async () => {
      const stream = ask("plums").stream();
      const [text, response] = await Promise.all([stream.text(), stream.response()]);
      expect(text).toBe(answerFor("plums"));
      expect(response.content).toBe(text);
      expect(requests()).toHaveLength(1);
    });

    it("textStream yields each non-empty piece of text, in order", async () => {
      const pieces: string[] = [];
      for await (const piece of ask("cherries").stream().textStream) pieces.push(piece);
      expect(pieces).toEqual(piecesFor("cherries"));
      expect(pieces.join("")).toBe(answerFor("cherries"));
    });

    it("toReadableStream() sends nothing until read, then gives the pieces of text", async () => {
      const readable = ask("figs").stream().toReadableStream();
      await pause(20);
      expect(requests()).toHaveLength(0);
      const reader = readable.getReader();
      const pieces: string[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        pieces.push(value);
      }
      expect(pieces).toEqual(piecesFor("figs"));
      expect(requests()).toHaveLength(1);
    });

    it("toReadableStream() pipes into a web Response as bytes", async () => {
      const readable = ask("dates").stream().toReadableStream();
      const body = await new Response(readable.pipeThrough(new TextEncoderStream())).text();
      expect(body).toBe(answerFor("dates"));
    });

    it("cancelling the readable stream midway closes the connection", async () => {
      const reader = ask("slow-readable").stream().toReadableStream().getReader();
      const first = await reader.read();
      expect(first.value).toBe(piecesFor("slow-readable")[0]);
      await reader.cancel();
      expect(await requestAt(0).outcome).toBe("closed-early");
    });
  });

  describe("reading a stream once", () => {
    it("after a for await loop, response() and text() resolve from what was received, with no new request", async () => {
      const stream = ask("kiwis").stream();
      let text = "";
      for await (const chunk of stream) text += chunk.content;
      expect(text).toBe(answerFor("kiwis"));
      expect(requests()).toHaveLength(1);

      const response = await stream.response();
      expect(response.content).toBe(text);
      expect(response.finishReason).toBe("stop");
      expect(response.id).toBe(context.expectedId("kiwis"));
      expect(await stream.text()).toBe(text);
      expect(requests()).toHaveLength(1);
    });

    it("iterating a second time throws StreamConsumedError and sends nothing", async () => {
      const stream = ask("limes").stream();
      for await (const _chunk of stream) {
        // read it all
      }
      const error = await rejectionOf(
        (async () => {
          for await (const _chunk of stream) {
            // never reached
          }
        })(),
      );
      expect(error).toBeInstanceOf(StreamConsumedError);
      expect(error).toMatchObject({ name: "StreamConsumedError", code: "stream_consumed" });
      expect(() => stream.textStream[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
      expect(() => stream.toReadableStream()).toThrow(StreamConsumedError);
      expect(requests()).toHaveLength(1);
    });

    it("iterating after text() throws StreamConsumedError", async () => {
      const stream = ask("melons").stream();
      expect(await stream.text()).toBe(answerFor("melons"));
      expect(() => stream[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
    });

    it("each stream() call sends its own request", async () => {
      const prompt = ask("grapes");
      expect(await prompt.stream().text()).toBe(answerFor("grapes"));
      expect(await prompt.stream().text()).toBe(answerFor("grapes"));
      expect(requests()).toHaveLength(2);
    });
  });
}
