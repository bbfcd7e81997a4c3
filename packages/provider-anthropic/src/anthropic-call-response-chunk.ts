import type {
  RawContentBlockDelta,
  RawContentBlockStartEvent,
  RawMessageDeltaEvent,
  RawMessageStreamEvent,
} from "@anthropic-ai/sdk/resources/messages/messages";
import type { FinishReason, ResponseChunk, ToolCallDelta, Usage } from "@promptstream/core";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";

/** What a `delta` can be: a content block's (`content_block_delta`) or the message's (`message_delta`). */
export type AnthropicDelta = RawContentBlockDelta | RawMessageDeltaEvent.Delta;

/**
 * One streamed Anthropic event: the neutral `ResponseChunk` fields plus the raw event
 * and shortcuts into it. `content` is only ever answer text: thinking is on `reasoning` (the
 * neutral name every provider's chunk has; `thinking` is the same text under Anthropic's name),
 * and `ping` events never reach the stream.
 *
 * @example
 * for await (const chunk of stream) {
 *   chunk.content;   // the text of a text_delta, or ""
 *   chunk.reasoning; // the text of a thinking_delta, or "" (also `chunk.thinking`)
 *   chunk.type;     // "message_start" | "content_block_delta" | ...
 *   chunk.delta;    // the event's delta, if it has one
 *   chunk.event;    // the raw event
 * }
 *
 * A `tool_use` block's start, `input_json_delta`s and stop also carry `toolCallDeltas`, from which
 * core assembles the prompt's tool calls.
 */
export class AnthropicCallResponseChunk implements ResponseChunk {
  /** The raw stream event, as the `@anthropic-ai/sdk` parsed it. */
  readonly event: RawMessageStreamEvent;
  /**
   * Token counts so far, on `message_start` and `message_delta`: the start's counts with
   * the delta's revisions, so the last chunk that has usage holds the whole of it.
   */
  readonly usage: Usage | undefined;
  /**
   * The text this event adds to the answer: a `text_delta`'s text, `""` for every other event. In
   * `tool` mode (a structured output asked for as a forced tool), the output tool's `input_json_delta`s instead.
   */
  readonly content: string;
  /** The call index of the `tool_use` block this event is about (see AnthropicToolCallIndexes). */
  readonly #toolCallIndex: number | undefined;
  /** The stream is a structured output in `tool` mode: the forced call is the answer. */
  readonly #toolMode: boolean;

  /**
   * @param usage - the usage so far, on the events that report it.
   * @param toolCallIndex - for the events of a `tool_use` block, the call's place among the response's tool calls.
   * @param answer - which deltas of the event are the answer's text: `text_delta`s (`"text"`, the
   *   default); in `tool` mode, the `input_json_delta`s of the output tool's block (`"output-tool"`)
   *   and nothing of any other block (`"none"`: text the model wrote beside the tool is not the answer).
   */
  constructor(
    event: RawMessageStreamEvent,
    usage?: Usage,
    toolCallIndex?: number,
    answer: "text" | "output-tool" | "none" = "text",
  ) {
    this.event = event;
    this.usage = usage;
    this.#toolCallIndex = toolCallIndex;
    this.#toolMode = answer !== "text";
    // Taken out once: every consumer reads it, core included.
    this.content =
      event.type !== "content_block_delta"
        ? ""
        : answer === "text" && event.delta.type === "text_delta"
          ? event.delta.text
          : answer === "output-tool" && event.delta.type === "input_json_delta"
            ? event.delta.partial_json
            : "";
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

  /**
   * The thinking this event adds (a `thinking_delta`'s text); `""` for every other event, a
   * `redacted_thinking` block included (it has no text). Never part of `content`. Core reads it
   * on every chunk: it allocates nothing.
   */
  get reasoning(): string {
    const event = this.event;
    return event.type === "content_block_delta" && event.delta.type === "thinking_delta" ? event.delta.thinking : "";
  }

  /** {@link AnthropicCallResponseChunk.reasoning} under Anthropic's own name, as this chunk had it before `reasoning` was neutral. */
  get thinking(): string {
    return this.reasoning;
  }

  /**
   * The tool-call fragment this event carries: a `tool_use` block's start (id and name), an
   * `input_json_delta` (a piece of the arguments) or its stop (`done`); `undefined` for any other event.
   */
  get toolCallDeltas(): readonly ToolCallDelta[] | undefined {
    const index = this.#toolCallIndex;
    // Read on every event: the events of other blocks return before allocating anything.
    if (index === undefined) return undefined;
    const event = this.event;
    switch (event.type) {
      case "content_block_start":
        return event.content_block.type === "tool_use"
          ? [{ index, id: event.content_block.id, name: event.content_block.name, argsTextDelta: "" }]
          : undefined;
      case "content_block_delta":
        return event.delta.type === "input_json_delta"
          ? [{ index, argsTextDelta: event.delta.partial_json }]
          : undefined;
      case "content_block_stop":
        return [{ index, argsTextDelta: "", done: true }];
      default:
        return undefined;
    }
  }

  /** The neutral finish reason, on the `message_delta` that carries it (`"stop"` for `tool_use` in `tool` mode). */
  get finishReason(): FinishReason | undefined {
    const reason = this.rawFinishReason;
    return reason === undefined ? undefined : mapAnthropicFinishReason(reason, this.#toolMode);
  }

  /** Anthropic's `stop_reason`, on the `message_delta` that carries it. */
  get rawFinishReason(): string | undefined {
    return this.event.type === "message_delta" ? (this.event.delta.stop_reason ?? undefined) : undefined;
  }
}
