/**
 * @module What a stream received so far, accumulated chunk by chunk: the text, the finish reason and
 * the usage, for the adapter's response at the end and for a failure's partial response.
 */
import type { StreamSummary } from "../adapter/v1/call-response.js";
import type { FinishReason } from "../adapter/v1/finish-reason.js";
import type { ResponseChunk } from "../adapter/v1/response-chunk.js";
import type { Usage } from "../adapter/v1/usage.js";
import type { PartialResponse } from "../errors/provider-error.js";
import type { ToolCallTracker } from "../tools/tool-call-tracker.js";
import type { StreamObserver } from "./response-stream-source.js";

/**
 * How many chunks' text is joined before it is made one flat string. Appending each chunk's text
 * makes a rope: a node (about 32 bytes) per chunk, holding the chunk's own small string (16 bytes
 * and more) for a few characters of text, several times the text itself for as long as the stream
 * lives. The text of every so many chunks is flattened (a copy of a few hundred bytes) and
 * appended as one piece, so what a stream holds stays close to its text.
 */
const PIECES_PER_BLOCK = 64;

/** One stream's accumulated text, finish reason and usage (plain fields: it is read on every chunk). */
export class ReceivedSoFar {
  finishReason: FinishReason | undefined;
  rawFinishReason: string | undefined;
  usage: Usage | undefined;
  /** The reasoning text so far (rarer than text and read once: a plain rope is enough). */
  reasoning = "";
  /** The text of the blocks already flattened. */
  #blocks = "";
  /** The text of the chunks since, as a rope. */
  #recent = "";
  #recentPieces = 0;

  /** The whole text so far. */
  get text(): string {
    return this.#recentPieces === 0 ? this.#blocks : this.#blocks + this.#recent;
  }

  add(chunk: ResponseChunk): void {
    const content = chunk.content;
    if (content !== "") {
      this.#recent += content;
      if (++this.#recentPieces === PIECES_PER_BLOCK) this.#flushRecent();
    }
    const reasoning = chunk.reasoning;
    if (reasoning !== undefined && reasoning !== "") this.reasoning += reasoning;
    if (chunk.finishReason !== undefined) {
      this.finishReason = chunk.finishReason;
      this.rawFinishReason = chunk.rawFinishReason;
    }
    if (chunk.usage !== undefined) this.usage = chunk.usage;
  }

  #flushRecent(): void {
    // Reading a character flattens the rope in place (V8, SpiderMonkey, JSC): its pieces become garbage.
    this.#recent.charCodeAt(0);
    this.#blocks += this.#recent;
    this.#recent = "";
    this.#recentPieces = 0;
  }

  /** What the adapter builds its response from, with the tool calls core assembled. */
  summary(tools: ToolCallTracker | undefined): StreamSummary {
    const { text: content, reasoning, finishReason, rawFinishReason, usage } = this;
    const summary = { content, reasoning, finishReason, rawFinishReason, usage };
    const rawToolCalls = tools?.rawCalls() ?? [];
    return rawToolCalls.length === 0 ? summary : { ...summary, rawToolCalls };
  }

  /** What a failure keeps: the text, usage, tool calls and partial object so far. */
  partial(
    delivered: boolean,
    tools: ToolCallTracker | undefined,
    observer: StreamObserver | undefined,
  ): PartialResponse {
    const partial = { text: this.text, usage: this.usage, delivered, toolCalls: tools?.partialCalls() };
    const object = observer?.partial();
    return object === undefined ? partial : { ...partial, object };
  }
}
