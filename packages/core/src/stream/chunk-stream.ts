/**
 * @module The reading surface every stream of chunks shares (a `ResponseStream`, and each branch of
 * its `tee()`): the text, the final response, and the stream sent on as a web `Response` or to a
 * Node response.
 */
import type { CallResponse } from "../adapter/v1/call-response.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import { eventBatches, textBatches } from "../web/body-batches.js";
import { partialObjectSourceOf } from "../web/partial-object-sources.js";
import {
  type NodeServerResponseLike,
  type PipeToNodeResponseOptions,
  pipeBatchesToNodeResponse,
} from "../web/pipe-to-node-response.js";
import { EVENT_STREAM_HEADERS, streamingResponse, TEXT_STREAM_HEADERS } from "../web/web-responses.js";
import { reasoningOf, textOf } from "./text-of.js";
import { toTextReadableStream } from "./to-readable-stream.js";

/**
 * A stream of chunks that can be read once: iterate it, or take its text, its final response, or
 * send it on. Each of these reads the stream; after one of them, `text()` and `response()`
 * resolve from what was read.
 */
export abstract class ChunkStream<TChunk extends ResponseChunk, TResponse extends CallResponse>
  implements AsyncIterable<TChunk>
{
  /** Iterates the chunks, once; a second time throws `StreamConsumedError`. */
  abstract [Symbol.asyncIterator](): AsyncIterator<TChunk>;

  /** The final response; reads the stream to its end if nothing else reads it. */
  abstract response(): Promise<TResponse>;

  /** Aborts the request. Pending reads reject with a `StreamAbortedError`. */
  abstract abort(reason?: unknown): void;

  /** The text of each chunk that has some, as an async iterable of strings. */
  get textStream(): AsyncIterable<string> {
    return { [Symbol.asyncIterator]: () => textOf(this[Symbol.asyncIterator]()) };
  }

  /**
   * The reasoning (thinking) text of each chunk that has some, as an async iterable of strings;
   * the answer's text is not in it. Reading it reads the stream: for both, iterate the chunks
   * (`chunk.reasoning`, `chunk.content`).
   */
  get reasoningStream(): AsyncIterable<string> {
    return { [Symbol.asyncIterator]: () => reasoningOf(this[Symbol.asyncIterator]()) };
  }

  /** The whole text. Reads the stream if nothing else does; resolves from what was received if it was read. */
  text(): Promise<string> {
    return this.response().then((response) => response.content);
  }

  /** A web `ReadableStream` of the text; cancelling it cancels the request. */
  toReadableStream(): ReadableStream<string> {
    return toTextReadableStream(this[Symbol.asyncIterator]());
  }

  /**
   * A `Response` streaming the text as UTF-8 (`text/plain`), for a `Request -> Response` handler.
   * When the client goes away, the server cancels the body, which cancels the provider request. A
   * failure mid-stream ends the body in error, so a cut answer never passes for a whole one; to
   * tell the client why, use `toEventStreamResponse()`.
   *
   * @example
   * app.post("/chat", async (c) => new Chat({ question: await c.req.text() }).stream().toTextResponse());
   */
  toTextResponse(init?: ResponseInit): Response {
    return streamingResponse(textBatches(this[Symbol.asyncIterator]()), TEXT_STREAM_HEADERS, init, true);
  }

  /**
   * A `text/event-stream` `Response`: one event per chunk with its neutral fields (text,
   * tool-call fragments and calls, finish reason, usage), the partial object when the prompt has
   * an `output` schema, then the final response, or an `error` event with the error's name, code
   * and message (never a stack or a key). `@promptstream/core/client` reads it back in a browser
   * as the same chunks. Cancelling the body (the client left) cancels the provider request.
   *
   * @example
   * export const POST = async (request: Request) => new Chat(await request.json()).stream().toEventStreamResponse();
   */
  toEventStreamResponse(init?: ResponseInit): Response {
    return streamingResponse(this.#eventBatches(), EVENT_STREAM_HEADERS, init, false);
  }

  /**
   * Writes the stream to a Node `http.ServerResponse` (Express's `res`, Fastify's `reply.raw`):
   * headers, then each batch of chunks as the socket accepts it (backpressure: a slow client slows
   * the stream, the server does not buffer the answer), then the end. The client leaving (`close`)
   * cancels the provider request. Resolves when the response ended or the client left.
   *
   * @example
   * app.post("/chat", (req, res) => new Chat(req.body).stream().pipeToNodeResponse(res));
   */
  pipeToNodeResponse(res: NodeServerResponseLike, options: PipeToNodeResponseOptions = {}): Promise<void> {
    const text = options.format === "text";
    const batches = text ? textBatches(this[Symbol.asyncIterator]()) : this.#eventBatches();
    return pipeBatchesToNodeResponse(batches, res, text ? TEXT_STREAM_HEADERS : EVENT_STREAM_HEADERS, options);
  }

  #eventBatches() {
    return eventBatches(this[Symbol.asyncIterator](), () => this.response(), partialObjectSourceOf(this));
  }
}
