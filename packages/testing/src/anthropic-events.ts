import { splitEvery, splitWords } from "./split-words.js";

/** Options of {@link createAnthropicTextEvents}. */
export interface AnthropicTextEventsOptions {
  readonly model?: string;
  readonly id?: string;
  /** How the text (and the thinking) is cut into deltas: by default, one delta per word with its leading space. */
  readonly split?: (text: string) => string[];
  readonly stopReason?: string;
  /**
   * `input_tokens` goes in `message_start` (default 12), `output_tokens` in `message_delta`
   * (default: the number of deltas, thinking included).
   */
  readonly usage?: { readonly input_tokens?: number; readonly output_tokens?: number };
  /** Thinking to stream first, as a `thinking` block of `thinking_delta`s closed by a `signature_delta`. */
  readonly thinking?: string;
}

/**
 * Messages stream events that stream `text` the way Anthropic does: `message_start`, the
 * content blocks with a `ping` after the first block opens, `message_delta` with the stop
 * reason and output tokens, then `message_stop`.
 */
export function createAnthropicTextEvents(text: string, options: AnthropicTextEventsOptions = {}): object[] {
  const split = options.split ?? splitWords;
  const textPieces = split(text);
  const thinkingPieces = options.thinking === undefined ? undefined : split(options.thinking);
  const blockEvents = [
    ...(thinkingPieces === undefined ? [] : thinkingBlock(0, thinkingPieces)),
    ...textBlock(thinkingPieces === undefined ? 0 : 1, textPieces),
  ];
  const outputTokens = options.usage?.output_tokens ?? textPieces.length + (thinkingPieces?.length ?? 0);
  return [
    messageStart(options),
    // Anthropic sends its first ping right after the first block opens.
    ...blockEvents.slice(0, 1),
    { type: "ping" },
    ...blockEvents.slice(1),
    {
      type: "message_delta",
      delta: { stop_reason: options.stopReason ?? "end_turn", stop_sequence: null },
      usage: { output_tokens: outputTokens },
    },
    { type: "message_stop" },
  ];
}

/** A `tool_use` block for {@link createAnthropicToolUseEvents}. */
export interface AnthropicToolUseBlock {
  /** The call's id, as Anthropic's `toolu_...`. */
  readonly id: string;
  /** The tool's name. */
  readonly name: string;
  /**
   * The input as it streams: JSON text, sent as Anthropic does (an empty `input_json_delta`, then
   * pieces of `fragmentLength` characters), or the exact `partial_json` fragments. Left out: no
   * `input_json_delta` at all, as Anthropic streams a call without arguments.
   */
  readonly input?: string | readonly string[];
}

/** Options of {@link createAnthropicToolUseEvents}. */
export interface AnthropicToolUseEventsOptions extends Omit<AnthropicTextEventsOptions, "thinking"> {
  /** The length of the pieces a string `input` is cut into; default 8. */
  readonly fragmentLength?: number;
}

/**
 * Messages stream events of an answer that calls tools, the way Anthropic streams one: each
 * string is a text block (cut by `split`), each {@link AnthropicToolUseBlock} a `tool_use` block
 * of `input_json_delta`s, in the order given; a `ping` after the first block opens; then
 * `message_delta` (stop reason `tool_use` by default) and `message_stop`. Slice the result to
 * cut the stream short.
 */
export function createAnthropicToolUseEvents(
  blocks: ReadonlyArray<string | AnthropicToolUseBlock>,
  options: AnthropicToolUseEventsOptions = {},
): object[] {
  const split = options.split ?? splitWords;
  let deltas = 0;
  const blockEvents = blocks.flatMap((block, index) => {
    const events = typeof block === "string" ? textBlock(index, split(block)) : toolUseBlock(index, block, options);
    deltas += events.length - 2;
    return events;
  });
  return [
    messageStart(options),
    ...blockEvents.slice(0, 1),
    { type: "ping" },
    ...blockEvents.slice(1),
    {
      type: "message_delta",
      delta: { stop_reason: options.stopReason ?? "tool_use", stop_sequence: null },
      usage: { output_tokens: options.usage?.output_tokens ?? deltas },
    },
    { type: "message_stop" },
  ];
}

function toolUseBlock(index: number, block: AnthropicToolUseBlock, options: AnthropicToolUseEventsOptions): object[] {
  const { input } = block;
  const pieces = typeof input === "string" ? ["", ...splitEvery(input, options.fragmentLength ?? 8)] : (input ?? []);
  return [
    {
      type: "content_block_start",
      index,
      content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
    },
    ...pieces.map((partial_json) => ({
      type: "content_block_delta",
      index,
      delta: { type: "input_json_delta", partial_json },
    })),
    { type: "content_block_stop", index },
  ];
}

function messageStart(options: AnthropicTextEventsOptions): object {
  return {
    type: "message_start",
    message: {
      id: options.id ?? "msg_loopback",
      type: "message",
      role: "assistant",
      model: options.model ?? "claude-sonnet-4-5",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: options.usage?.input_tokens ?? 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      },
    },
  };
}

function textBlock(index: number, pieces: readonly string[]): object[] {
  return [
    { type: "content_block_start", index, content_block: { type: "text", text: "" } },
    ...pieces.map((piece) => ({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } })),
    { type: "content_block_stop", index },
  ];
}

function thinkingBlock(index: number, pieces: readonly string[]): object[] {
  return [
    { type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } },
    ...pieces.map((piece) => ({
      type: "content_block_delta",
      index,
      delta: { type: "thinking_delta", thinking: piece },
    })),
    { type: "content_block_delta", index, delta: { type: "signature_delta", signature: "loopback-signature" } },
    { type: "content_block_stop", index },
  ];
}
