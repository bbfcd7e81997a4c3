/**
 * @module The browser side of `toEventStreamResponse()`: an event-stream `Response` read back into
 * the chunks, the partial objects and the final response the server's stream had.
 */

import { DONE, nextIfReady, type ReadyAwareIterator } from "../adapter/helpers/next-if-ready.js";
import { END_OF_STREAM, readServerSentEvents } from "../adapter/helpers/read-server-sent-events.js";
import type { Usage } from "../adapter/v1/usage.js";
import { ProviderError } from "../errors/provider-error.js";
import { StreamAbortedError } from "../errors/stream-aborted-error.js";
import { StreamConsumedError } from "../errors/stream-consumed-error.js";
import type { DeepPartial } from "../output/output-schema.js";
import type { ClientChunk, ClientResponse, ClientStreamChunk } from "./client-types.js";
import { errorFromWire, SERVER } from "./error-from-wire.js";
import { ServerStreamError } from "./server-stream-error.js";

/** Read by the iterators: a new partial object arrived (its value is in the stream). */
const OBJECT_CHANGED: unique symbol = Symbol("promptstream.objectChanged");
type WireEvent = ClientStreamChunk | typeof OBJECT_CHANGED;

const EMPTY_PART_FIELDS = { content: "", finishReason: undefined, rawFinishReason: undefined, usage: undefined };

/**
 * A stream read from a server's `toEventStreamResponse()` (or `pipeToNodeResponse()`): the same
 * reading surface as the server's `ResponseStream`. Iterate it once (`for await`), or read its
 * `textStream` or `partialObjects`; `text()`, `response()` and `object()` resolve at the end.
 * `abort()` cancels the HTTP request, which cancels the provider request on the server.
 *
 * Failures are typed: a provider's failure on the server arrives as the same `ProviderError`
 * subclass (e.g. `RateLimitError`), other failures as a `ServerStreamError`, a connection cut
 * before the end as a `StreamInterruptedError`, an abort as a `StreamAbortedError`; each keeps
 * the text received before it in `partialText`.
 */
export class ClientResponseStream<TObject = unknown> implements AsyncIterable<ClientStreamChunk> {
  readonly #controller: AbortController;
  readonly #response: Promise<Response>;
  #events: AsyncIterator<WireEvent> | undefined;
  #claimed = false;
  #ended = false;
  #text = "";
  #object: unknown;
  #final: ClientResponse<TObject> | undefined;
  readonly #outcome: Promise<ClientResponse<TObject>>;
  #settle!: (response: ClientResponse<TObject>) => void;
  #fail!: (error: unknown) => void;

  /** Use `readResponseStream()` or `fetchResponseStream()`. */
  constructor(response: Response | Promise<Response>, controller: AbortController) {
    this.#response = Promise.resolve(response);
    this.#controller = controller;
    this.#outcome = new Promise((resolve, reject) => {
      this.#settle = resolve;
      this.#fail = reject;
    });
    // The failure also reaches whoever iterates: no unhandled rejection for a stream read only by `for await`.
    this.#outcome.catch(() => {});
    controller.signal.addEventListener("abort", () => void this.#events?.return?.(), { once: true });
  }

  /** Iterates the chunks (and tool-call parts); once per stream. */
  [Symbol.asyncIterator](): AsyncIterator<ClientStreamChunk> {
    return this.#reader((event) => (event === OBJECT_CHANGED ? undefined : event));
  }

  /** The text of each chunk that has some. */
  get textStream(): AsyncIterable<string> {
    return {
      [Symbol.asyncIterator]: () =>
        this.#reader((event) => (event === OBJECT_CHANGED || event.content === "" ? undefined : event.content)),
    };
  }

  /** The answer as it grows, for a prompt with an `output` schema: each snapshot the server sent. */
  get partialObjects(): AsyncIterable<DeepPartial<TObject>> {
    return {
      [Symbol.asyncIterator]: () =>
        this.#reader((event) => (event === OBJECT_CHANGED ? (this.#object as DeepPartial<TObject>) : undefined)),
    };
  }

  /** The final response; reads the stream to its end if nothing else reads it. */
  response(): Promise<ClientResponse<TObject>> {
    if (!this.#claimed) {
      const reader = this[Symbol.asyncIterator]();
      const pump = async () => {
        while ((await reader.next()).done !== true) {}
      };
      pump().catch(() => {});
    }
    return this.#outcome;
  }

  /** The whole text. */
  text(): Promise<string> {
    return this.response().then((response) => response.content);
  }

  /** The validated answer, for a prompt with an `output` schema. */
  object(): Promise<TObject> {
    return this.response().then((response) => response.object as TObject);
  }

  /** Cancels the HTTP request (and so, on the server, the provider request). Reads reject with a `StreamAbortedError`. */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  /** An iterator over the events `pick` turns into values (`undefined` skips an event). */
  #reader<T>(pick: (event: WireEvent) => T | undefined): AsyncIterator<T> {
    if (this.#claimed) throw new StreamConsumedError();
    this.#claimed = true;
    const next = (): Promise<IteratorResult<T>> => {
      // Events the last network read already brought are handed over with one resolved promise.
      for (;;) {
        let ready: IteratorResult<WireEvent> | undefined;
        try {
          ready = this.#nextIfReady();
        } catch (error) {
          return Promise.reject(this.#failed(error));
        }
        if (ready === undefined) break;
        if (ready.done === true) return Promise.resolve(DONE);
        const value = pick(ready.value);
        if (value !== undefined) return Promise.resolve({ value, done: false });
      }
      return this.#next().then((result) => {
        if (result.done === true) return DONE;
        const value = pick(result.value);
        return value === undefined ? next() : { value, done: false };
      });
    };
    return {
      next,
      return: async () => {
        this.#leave();
        return DONE;
      },
    };
  }

  /** The next event if the last network read brought it; `undefined` when a read (or the opening) must wait. */
  #nextIfReady(): IteratorResult<WireEvent> | undefined {
    if (this.#ended) return DONE;
    const events = this.#events;
    if (events === undefined || this.#controller.signal.aborted) return undefined;
    const result = (events as ReadyAwareIterator<WireEvent>)[nextIfReady]();
    if (result?.done === true) this.#finish();
    return result;
  }

  async #next(): Promise<IteratorResult<WireEvent>> {
    if (this.#ended) return DONE;
    try {
      if (this.#controller.signal.aborted) throw this.#abortError();
      if (this.#events === undefined) {
        this.#events = await this.#open();
        // Aborted while the response was on its way: its body is cancelled, not read.
        if (this.#controller.signal.aborted) await this.#events.return?.();
      }
      const result = await this.#events.next();
      if (this.#controller.signal.aborted) throw this.#abortError();
      if (result.done === true) this.#finish();
      return result;
    } catch (error) {
      throw this.#failed(error);
    }
  }

  /** The stream failed: it ends, and every reader gets the failure (an abort's, if it was aborted). */
  #failed(error: unknown): unknown {
    const failure = this.#controller.signal.aborted ? this.#abortError() : error;
    this.#ended = true;
    this.#fail(failure);
    return failure;
  }

  async #open(): Promise<AsyncIterator<WireEvent>> {
    let response: Response;
    try {
      response = await this.#response;
    } catch (error) {
      if (this.#controller.signal.aborted) throw this.#abortError();
      throw ProviderError.create("The request to the server failed.", {
        code: "connection",
        provider: SERVER,
        cause: error,
      });
    }
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.startsWith("text/event-stream") || response.body === null) {
      await response.body?.cancel().catch(() => {});
      throw new ServerStreamError(
        `The server answered ${response.status} ${type === "" ? "with no content type" : `with "${type}"`}, not an event stream.`,
        { code: "http_error", remoteName: "Response", status: response.status, partialText: "" },
      );
    }
    const events = readServerSentEvents<WireEvent>(response.body, {
      event: (data, name) => this.#decode(data, name),
      end: () => {
        if (this.#controller.signal.aborted) return;
        throw ProviderError.create("The connection to the server ended before the stream did.", {
          code: "stream_interrupted",
          provider: SERVER,
          partialText: this.#text,
        });
      },
      readError: (error) =>
        this.#controller.signal.aborted
          ? this.#abortError()
          : ProviderError.create("The connection to the server failed mid-stream.", {
              code: "stream_interrupted",
              provider: SERVER,
              partialText: this.#text,
              cause: error,
            }),
    });
    return events[Symbol.asyncIterator]();
  }

  #decode(data: string, name: string | undefined): WireEvent | undefined | typeof END_OF_STREAM {
    switch (name) {
      // Chunks, the most frequent events, are sent unnamed (`message` to an EventSource); `chunk` is read too.
      case undefined:
      case "chunk": {
        const wire = JSON.parse(data) as Partial<ClientChunk>;
        const chunk: ClientChunk = {
          content: wire.content ?? "",
          reasoning: wire.reasoning ?? "",
          finishReason: wire.finishReason,
          rawFinishReason: wire.rawFinishReason,
          usage: usageOf(wire.usage),
          toolCallDeltas: wire.toolCallDeltas,
        };
        this.#text += chunk.content;
        return chunk;
      }
      case "part":
        return { ...EMPTY_PART_FIELDS, toolCallDeltas: undefined, ...JSON.parse(data) } as ClientStreamChunk;
      case "object":
        this.#object = JSON.parse(data);
        return OBJECT_CHANGED;
      case "response":
        this.#final = clientResponse<TObject>(JSON.parse(data));
        return END_OF_STREAM;
      case "error":
        throw errorFromWire(data, this.#text);
      default:
        // An event a newer server sends: skipped, as the format allows.
        return undefined;
    }
  }

  #finish(): void {
    this.#ended = true;
    if (this.#final === undefined) {
      this.#fail(new StreamAbortedError({ provider: SERVER, partialText: this.#text }));
    } else this.#settle(this.#final);
  }

  /** The consumer left early: cancel the request; the response holds what arrived. */
  #leave(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#controller.abort();
    this.#settle(clientResponse<TObject>({ content: this.#text, message: { role: "assistant", content: this.#text } }));
  }

  #abortError(): StreamAbortedError {
    return new StreamAbortedError({
      provider: SERVER,
      partialText: this.#text,
      reason: this.#controller.signal.reason,
    });
  }
}

/** A response with every field present, from what the server sent. */
function clientResponse<TObject>(wire: Partial<ClientResponse<TObject>>): ClientResponse<TObject> {
  const content = wire.content ?? "";
  return {
    content,
    reasoning: wire.reasoning ?? "",
    finishReason: wire.finishReason,
    rawFinishReason: wire.rawFinishReason,
    usage: usageOf(wire.usage),
    model: wire.model,
    id: wire.id,
    message: wire.message ?? { role: "assistant", content },
    toolCalls: wire.toolCalls,
    invalidToolCalls: wire.invalidToolCalls,
    steps: wire.steps,
    object: wire.object,
    outputMode: wire.outputMode,
  };
}

/** Usage with every count present, as on the server (JSON leaves out the unknown ones). */
function usageOf(wire: Partial<Usage> | undefined): Usage | undefined {
  if (wire === undefined) return undefined;
  return {
    inputTokens: wire.inputTokens,
    outputTokens: wire.outputTokens,
    totalTokens: wire.totalTokens,
    cachedInputTokens: wire.cachedInputTokens,
    cacheCreationInputTokens: wire.cacheCreationInputTokens,
    reasoningTokens: wire.reasoningTokens,
  };
}
