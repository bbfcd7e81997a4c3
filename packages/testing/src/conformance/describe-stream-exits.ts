import { StreamAbortedError } from "@promptstream/core";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../assertions.js";
import {
  answerFor,
  BUFFERED_TOPIC,
  pause,
  piecesFor,
  type StreamHelperContext,
  topicOf,
  usageFor,
} from "./stream-helper-context.js";

/**
 * Registers the stream helper suite's tests of leaving a stream early, aborting it in each way
 * a user can, and reading many streams at once.
 */
export function describeStreamExits<TClient>(context: StreamHelperContext<TClient>): void {
  const { ask, requests, requestAt } = context;

  describe("leaving early and aborting", () => {
    it("an early break closes the connection, and response() resolves with the text received", async () => {
      const stream = ask("slow-break").stream();
      let received = "";
      let textChunks = 0;
      for await (const chunk of stream) {
        received += chunk.content;
        if (chunk.content !== "") textChunks += 1;
        if (textChunks === 2) break;
      }
      expect(received).toBe(piecesFor("slow-break").slice(0, 2).join(""));
      expect(await requestAt(0).outcome).toBe("closed-early");

      const response = await stream.response();
      expect(response.content).toBe(received);
      expect(response.finishReason).toBeUndefined();
      expect(response.rawFinishReason).toBeUndefined();
      expect(await stream.text()).toBe(received);
      expect(requests()).toHaveLength(1);
    });

    it("an early break out of textStream closes the connection too", async () => {
      const stream = ask("slow-textstream").stream();
      const pieces: string[] = [];
      for await (const piece of stream.textStream) {
        pieces.push(piece);
        if (pieces.length === 3) break;
      }
      expect(pieces).toEqual(piecesFor("slow-textstream").slice(0, 3));
      expect(await requestAt(0).outcome).toBe("closed-early");
      expect(await stream.text()).toBe(pieces.join(""));
    });

    it("stream.abort() closes the connection and the loop throws StreamAbortedError with the text received", async () => {
      const stream = ask("slow-abort").stream();
      let received = "";
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) {
            received += chunk.content;
            if (chunk.content !== "") stream.abort("user pressed stop");
          }
        })(),
      );
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(received).toBe(piecesFor("slow-abort")[0]);
      expect(error).toMatchObject({
        code: "aborted",
        provider: context.provider,
        partialText: received,
        reason: "user pressed stop",
      });
      expect(await requestAt(0).outcome).toBe("closed-early");
      expect(await rejectionOf(stream.response())).toBe(error);
      expect(await rejectionOf(stream.text())).toBe(error);
      expect(requests()).toHaveLength(1);
    });

    it("aborting the AbortSignal given as stream(undefined, { signal }) closes the connection and the loop throws StreamAbortedError", async () => {
      const controller = new AbortController();
      const stream = ask("slow-signal").stream(undefined, { signal: controller.signal });
      let received = "";
      let textChunks = 0;
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) {
            received += chunk.content;
            if (chunk.content !== "") textChunks += 1;
            if (textChunks === 3) controller.abort("navigated away");
          }
        })(),
      );
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(received).toBe(piecesFor("slow-signal").slice(0, 3).join(""));
      expect(error).toMatchObject({ provider: context.provider, partialText: received, reason: "navigated away" });
      expect(await requestAt(0).outcome).toBe("closed-early");
      expect(await rejectionOf(stream.text())).toBe(error);
    });

    it("aborting the signal while the loop waits for the next chunk rejects that read", async () => {
      const controller = new AbortController();
      const stream = ask("slow-pending").stream(undefined, { signal: controller.signal });
      const iterator = stream[Symbol.asyncIterator]();
      let received = "";
      while (received === "") {
        const result = await iterator.next();
        if (result.done === true) throw new Error("the stream ended before any text");
        received += result.value.content;
      }
      const pending = iterator.next();
      setTimeout(() => controller.abort(), 5);
      const error = await rejectionOf(pending);
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: received });
      expect(await requestAt(0).outcome).toBe("closed-early");
    });

    it("aborting the instance's signal aborts its stream", async () => {
      const controller = new AbortController();
      const stream = ask("slow-instance", { signal: controller.signal }).stream();
      let received = "";
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) {
            received += chunk.content;
            if (chunk.content !== "") controller.abort();
          }
        })(),
      );
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: received });
      expect(received).toBe(piecesFor("slow-instance")[0]);
      expect(await requestAt(0).outcome).toBe("closed-early");
    });

    it("a signal aborted before the first read sends no request", async () => {
      const stream = ask("never").stream(undefined, { signal: AbortSignal.abort("too late") });
      const error = await rejectionOf(stream.text());
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: "", reason: "too late" });
      await pause(20);
      expect(requests()).toHaveLength(0);
    });

    it("abort() delivers no chunk after it, even when the SDK already holds the rest of the response", async () => {
      // The whole response is written at once, so the SDK decodes every event from one network
      // read and could hand them over without looking at the signal. A whole read of the same
      // answer shows which chunks come up to the first text (those before it carry none).
      const whole: string[] = [];
      for await (const chunk of ask(BUFFERED_TOPIC).stream()) whole.push(chunk.content);
      const firstText = whole.findIndex((content) => content !== "");
      const first = piecesFor(BUFFERED_TOPIC)[0];
      expect(whole[firstText]).toBe(first);

      const stream = ask(BUFFERED_TOPIC).stream();
      const seen: string[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const chunk of stream) {
            seen.push(chunk.content);
            if (chunk.content !== "") stream.abort();
          }
        })(),
      );
      expect(seen).toEqual(whole.slice(0, firstText + 1));
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: first });
    });
  });

  describe("concurrency", () => {
    it("20 concurrent streams with different variables each get exactly their own text", async () => {
      const topics = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`);
      const results = await Promise.all(
        topics.map(async (topic) => {
          const stream = ask(topic).stream();
          let text = "";
          for await (const chunk of stream) text += chunk.content;
          return { topic, text, response: await stream.response() };
        }),
      );
      for (const { topic, text, response } of results) {
        expect(text).toBe(answerFor(topic));
        expect(response.content).toBe(answerFor(topic));
        expect(response.id).toBe(context.expectedId(topic));
        expect(response.usage?.inputTokens).toBe(usageFor(topic).input);
      }
      expect(requests().map(topicOf).sort()).toEqual([...topics].sort());
    });
  });
}
