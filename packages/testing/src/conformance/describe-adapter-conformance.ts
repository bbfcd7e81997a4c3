import {
  AuthenticationError,
  type CallResponse,
  ProviderError,
  type ResponseChunk,
  StreamAbortedError,
  StreamConsumedError,
  StreamInterruptedError,
} from "@promptstream/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConformanceHarness, ConformanceScript, ConformanceServer } from "./conformance-harness.js";
import { describeBeyondTextConformance } from "./describe-beyond-text-conformance.js";
import { describeMiddlewareConformance } from "./describe-middleware-conformance.js";
import { describeOutputConformance } from "./describe-output-conformance.js";
import { describeToolConformance } from "./describe-tool-conformance.js";

const SYSTEM = "You are a chef who answers in one line.";
const TEMPLATE = `
  SYSTEM: ${SYSTEM}
  USER: Recommend a recipe with {ingredient}
`;
const PIECES = ["Apple", " pie", " with", " cinnamon."];
const TEXT = PIECES.join("");
const ANSWER = {
  kind: "text",
  pieces: PIECES,
  finishReason: "stop",
  usage: { input: 11, output: 4 },
} satisfies ConformanceScript;
/** The neutral usage every adapter reports for {@link ANSWER}. */
const USAGE = { inputTokens: 11, outputTokens: 4, totalTokens: 15 };

/**
 * Registers a vitest `describe` that runs the same prompts and the same assertions, on the
 * provider-neutral surface only, against one adapter: streaming, whole responses, finish
 * reasons, usage, early exit, abort, HTTP errors, cut streams, single read and concurrency; and,
 * for an adapter that supports tools (`harness.supportsTools`), the tool cases; and structured
 * output (partial objects, object, response) in `json` mode and each mode of `harness.outputModes`.
 *
 * @example
 * describeAdapterConformance({ name: "openai", Prompt: OpenAIPrompt, startServer: openAIChatConformanceServer });
 */
export function describeAdapterConformance<TClient>(harness: ConformanceHarness<TClient>): void {
  if (harness.supportsTools === true) describeToolConformance(harness);
  describeOutputConformance(harness);
  describeBeyondTextConformance(harness);
  describeMiddlewareConformance(harness);
  describe(`${harness.name} adapter conformance`, () => {
    let server: ConformanceServer<TClient>;
    beforeEach(async () => {
      server = await harness.startServer();
    });
    afterEach(() => server.close());

    /** The suite's prompt; retries are off unless a test turns them on, so each error test sees one request. */
    function ask(ingredient = "apples", options: { signal?: AbortSignal; maxRetries?: number } = {}) {
      const Ask = harness.Prompt({ template: TEMPLATE, client: server.client, maxRetries: 0, retryDelayMs: 1 });
      return new Ask({ ingredient }, options);
    }

    it("streams chunks whose contents join to the scripted text, one of them with the finish reason and usage", async () => {
      server.script(ANSWER);
      const chunks: ResponseChunk[] = [];
      for await (const chunk of ask().stream()) chunks.push(chunk);
      expect(chunks.map((chunk) => chunk.content).join("")).toBe(TEXT);
      expect(chunks.flatMap((chunk) => chunk.finishReason ?? [])).toEqual(["stop"]);
      expect(chunks.filter((chunk) => chunk.usage !== undefined).at(-1)?.usage).toMatchObject(USAGE);
    });

    it("text() resolves to the whole text", async () => {
      server.script(ANSWER);
      expect(await ask().stream().text()).toBe(TEXT);
    });

    it("response() gives content, finishReason 'stop', usage and the assistant message", async () => {
      server.script(ANSWER);
      expectNeutralAnswer(await ask().stream().response());
    });

    it("call() answers without streaming, with the same neutral fields", async () => {
      server.script(ANSWER);
      expectNeutralAnswer(await ask().call());
      expect(server.requests).toHaveLength(1);
    });

    it("maps the provider's token-limit stop to finishReason 'length', streamed and not", async () => {
      server.script({ ...ANSWER, finishReason: "length" });
      expect((await ask().stream().response()).finishReason).toBe("length");
      expect((await ask().call()).finishReason).toBe("length");
    });

    it("messages() and an unread stream() send nothing", async () => {
      server.script(ANSWER);
      const prompt = ask();
      expect(prompt.messages()).toEqual([
        { role: "system", content: SYSTEM },
        { role: "user", content: "Recommend a recipe with apples" },
      ]);
      prompt.stream();
      await pause(50);
      expect(server.requests).toHaveLength(0);
    });

    it("sends the rendered system and user messages in one request", async () => {
      server.script(ANSWER);
      await ask().stream().text();
      expect(server.requests).toHaveLength(1);
      const body = JSON.stringify(server.requests[0]?.body);
      expect(body).toContain(JSON.stringify(SYSTEM));
      expect(body).toContain(JSON.stringify("Recommend a recipe with apples"));
    });

    it("closes the connection on an early break; response() resolves with the text so far", async () => {
      server.script({ kind: "hang-after", pieces: PIECES });
      const stream = ask().stream();
      let text = "";
      for await (const chunk of stream) {
        text += chunk.content;
        if (text === TEXT) break;
      }
      const response = await stream.response();
      expect(response.content).toBe(TEXT);
      expect(response.finishReason).toBeUndefined();
      expect(await stream.text()).toBe(TEXT);
      expect(await server.requests[0]?.outcome).toBe("closed-early");
    });

    it("abort() mid-stream rejects with a StreamAbortedError holding partialText and closes the connection", async () => {
      server.script({ kind: "hang-after", pieces: PIECES });
      const stream = ask().stream();
      let text = "";
      const reading = (async () => {
        for await (const chunk of stream) {
          text += chunk.content;
          if (text === TEXT) stream.abort();
        }
      })();
      const error = await rejectionOf(reading);
      expect(error).toBeInstanceOf(StreamAbortedError);
      expect(error).toMatchObject({ partialText: TEXT });
      expect(await rejectionOf(stream.response())).toBeInstanceOf(StreamAbortedError);
      expect(await server.requests[0]?.outcome).toBe("closed-early");
    });

    it("an already aborted signal rejects with a StreamAbortedError and sends nothing", async () => {
      server.script(ANSWER);
      const controller = new AbortController();
      controller.abort();
      const prompt = ask("apples", { signal: controller.signal });
      expect(await rejectionOf(prompt.stream().text())).toBeInstanceOf(StreamAbortedError);
      expect(await rejectionOf(prompt.call())).toBeInstanceOf(StreamAbortedError);
      expect(await rejectionOf(ask().stream(undefined, { signal: controller.signal }).text())).toBeInstanceOf(
        StreamAbortedError,
      );
      expect(await rejectionOf(ask().call(undefined, { signal: controller.signal }))).toBeInstanceOf(
        StreamAbortedError,
      );
      await pause(50);
      expect(server.requests).toHaveLength(0);
    });

    it.each([
      { status: 401, code: "authentication", retryable: false },
      { status: 429, code: "rate_limited", retryable: true },
      { status: 500, code: "server_error", retryable: true },
    ] as const)(
      "maps HTTP $status to a ProviderError '$code', streamed and not",
      async ({ status, code, retryable }) => {
        const message = `Scripted failure with status ${status}`;
        server.script({ kind: "http-error", status, message });
        for (const send of [() => ask().stream().text(), () => ask().call()]) {
          const error = await rejectionOf(send());
          expect(error).toBeInstanceOf(ProviderError);
          expect(error).toMatchObject({ code, status, retryable, partialText: "" });
          expect((error as ProviderError).message).toContain(message);
        }
        expect(server.requests).toHaveLength(2);
      },
    );

    it("retries a retryable failure before the first chunk, then streams the text once", async () => {
      let failuresLeft = 2;
      server.script(() => (failuresLeft-- > 0 ? { kind: "http-error", status: 500, message: "Scripted 500" } : ANSWER));
      const stream = ask("apples", { maxRetries: 2 }).stream();
      const pieces: string[] = [];
      for await (const chunk of stream) pieces.push(chunk.content);
      expect(pieces.join("")).toBe(TEXT);
      expect(server.requests).toHaveLength(3);
      expect(stream.attempts).toBe(3);
      expect((await stream.response()).finishReason).toBe("stop");
    });

    it("does not retry a failure that is not retryable, nor one after the first chunk", async () => {
      server.script({ kind: "http-error", status: 401, message: "Scripted 401" });
      await expect(ask("apples", { maxRetries: 2 }).stream().text()).rejects.toBeInstanceOf(AuthenticationError);
      expect(server.requests).toHaveLength(1);
      server.script({ kind: "cut-after", pieces: PIECES });
      await expect(ask("apples", { maxRetries: 2 }).stream().text()).rejects.toBeInstanceOf(StreamInterruptedError);
      expect(server.requests).toHaveLength(2);
    });

    it("a cut stream fails every reader with a ProviderError holding partialText, not retryable once text arrived", async () => {
      server.script({ kind: "cut-after", pieces: PIECES });
      const stream = ask().stream();
      const reading = (async () => {
        for await (const _chunk of stream) {
        }
      })();
      for (const error of [await rejectionOf(reading), await rejectionOf(stream.response())]) {
        expect(error).toBeInstanceOf(ProviderError);
        expect(error).toMatchObject({ code: "stream_interrupted", retryable: false, partialText: TEXT });
      }
    });

    it("a second iteration throws StreamConsumedError; text() still resolves without a new request", async () => {
      server.script(ANSWER);
      const stream = ask().stream();
      for await (const _chunk of stream) {
      }
      expect(() => stream[Symbol.asyncIterator]()).toThrow(StreamConsumedError);
      expect(await stream.text()).toBe(TEXT);
      expect(server.requests).toHaveLength(1);
    });

    it("runs 10 streams at once, each with its own text", async () => {
      server.script((request) => {
        const dish = /dish #(\d+)/.exec(JSON.stringify(request.body))?.[1] ?? "unknown";
        return { ...ANSWER, pieces: ["Recipe", " for", ` dish #${dish}`], delayMs: 5 };
      });
      const dishes = Array.from({ length: 10 }, (_, i) => `dish #${i}`);
      const texts = await Promise.all(
        dishes.map(async (dish) => {
          let text = "";
          for await (const chunk of ask(dish).stream()) text += chunk.content;
          return text;
        }),
      );
      expect(texts).toEqual(dishes.map((dish) => `Recipe for ${dish}`));
      expect(server.requests).toHaveLength(10);
    });
  });
}

function expectNeutralAnswer(response: CallResponse): void {
  expect(response.content).toBe(TEXT);
  expect(response.finishReason).toBe("stop");
  expect(response.usage).toMatchObject(USAGE);
  expect(response.message).toEqual({ role: "assistant", content: TEXT });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the promise to reject, but it resolved.");
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
