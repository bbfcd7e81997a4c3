import type {
  RawContentBlockDelta,
  RawContentBlockStartEvent,
  RawMessageDeltaEvent,
  RawMessageStreamEvent,
} from "@anthropic-ai/sdk/resources/messages/messages";
import type { FinishReason, ResponseChunk, Usage } from "@promptstream/core";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";

/** What a `delta` can be: a content block's (`content_block_delta`) or the message's (`message_delta`). */
export type AnthropicDelta = RawContentBlockDelta | RawMessageDeltaEvent.Delta;

/**
 * One streamed Anthropic event: the neutral `ResponseChunk` fields plus the raw event
 * and shortcuts into it. `content` is only ever answer text: thinking is on `thinking`, and
 * `ping` events never reach the stream.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;  // the text of a text_delta, or ""
 *   chunk.thinking; // the text of a thinking_delta, or ""
 *   chunk.type;     // "message_start" | "content_block_delta" | ...
 *   chunk.delta;    // the event's delta, if it has one
 *   chunk.event;    // the raw event
 * }
 */
export class AnthropicCallResponseChunk implements ResponseChunk {
  /** The raw stream event, as the `@anthropic-ai/sdk` parsed it. */
  readonly event: RawMessageStreamEvent;
  /**
   * Token counts so far, on `message_start` and `message_delta`: the start's counts with
   * the delta's revisions, so the last chunk that has usage holds the whole of it.
   */
  readonly usage: Usage | undefined;
  /** The text this event adds to the answer: a `text_delta`'s text, `""` for every other event. */
  readonly content: string;

  constructor(event: RawMessageStreamEvent, usage?: Usage) {
    this.event = event;
    this.usage = usage;
    // Taken out once: every consumer reads it, core included.
    this.content = event.type === "content_block_delta" && event.delta.type === "text_delta" ? event.delta.text : "";
  }

  /** The event's type. */
  get type(): RawMessageStreamEvent["type"] {
    return this.event.type;
  }

  /** The event's delta: a content block's delta or the message's; `undefined` for other events. */
  get delta(): AnthropicDelta | undefined {
    const event = this.event;
    return event.type === "content_block_delta" || event.type === "message_delta" ? event.delta : undefined;
  }

  /** The content block index this event is about, for `content_block_*` events. */
  get index(): number | undefined {
    const event = this.event;
    return event.type === "content_block_start" ||
      event.type === "content_block_delta" ||
      event.type === "content_block_stop"
      ? event.index
      : undefined;
  }

  /** The block a `content_block_start` opens (text, thinking, tool_use, ...). */
  get contentBlock(): RawContentBlockStartEvent["content_block"] | undefined {
    return this.event.type === "content_block_start" ? this.event.content_block : undefined;
  }

  /** The thinking this event adds (a `thinking_delta`); `""` for every other event. Never part of `content`. */
  get thinking(): string {
    const event = this.event;
    return event.type === "content_block_delta" && event.delta.type === "thinking_delta" ? event.delta.thinking : "";
  }

  get finishReason(): FinishReason | undefined {
    const reason = this.rawFinishReason;
    return reason === undefined ? undefined : mapAnthropicFinishReason(reason);
  }

  /** Anthropic's `stop_reason`, on the `message_delta` that carries it. */
  get rawFinishReason(): string | undefined {
    return this.event.type === "message_delta" ? (this.event.delta.stop_reason ?? undefined) : undefined;
  }
}
