import { splitEvery, splitWords } from "./split-words.js";

/**
 * Token counts for the builders: `input_tokens` and the cache counts go in `message_start` (the
 * cache counts, when given, again in `message_delta`, as Anthropic sends them today),
 * `output_tokens` and `output_tokens_details` in `message_delta`.
 */
export interface AnthropicUsageScript {
  /** Default 12. */
  readonly input_tokens?: number;
  /** Default: the number of deltas sent. */
  readonly output_tokens?: number;
  /** Input tokens written to the prompt cache; default 0. */
  readonly cache_creation_input_tokens?: number;
  /** Input tokens read from the prompt cache; default 0. */
  readonly cache_read_input_tokens?: number;
  /** Output tokens spent thinking; left out by default. */
  readonly output_tokens_details?: { readonly thinking_tokens: number };
}

/** Options of {@link createAnthropicTextEvents}. */
export interface AnthropicTextEventsOptions {
  readonly model?: string;
  readonly id?: string;
  /** How the text (and the thinking) is cut into deltas: by default, one delta per word with its leading space. */
  readonly split?: (text: string) => string[];
  readonly stopReason?: string;
  readonly usage?: AnthropicUsageScript;
  /** Thinking to stream first, as a `thinking` block of `thinking_delta`s closed by a `signature_delta`. */
  readonly thinking?: string;
  /** The thinking block's signature; default `"loopback-signature"`. */
  readonly signature?: string;
}

/** A `tool_use` block for {@link createAnthropicToolUseEvents} and {@link createAnthropicMessageEvents}. */
export interface AnthropicToolUseBlock {
  readonly type?: "tool_use";
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

/** A `thinking` block: `thinking_delta`s (cut by `split`), then one `signature_delta`. */
export interface AnthropicThinkingBlock {
  readonly type: "thinking";
  readonly thinking: string;
  /** Default `"loopback-signature"`; `null` sends no `signature_delta` (a stream cut before it). */
  readonly signature?: string | null;
}

/** A `redacted_thinking` block: its encrypted `data` arrives whole in `content_block_start`, with no delta. */
export interface AnthropicRedactedThinkingBlock {
  readonly type: "redacted_thinking";
  readonly data: string;
}

/** One content block of a scripted answer: a string is a text block. */
export type AnthropicBlockScript =
  | string
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

/** Options of {@link createAnthropicMessageEvents} and {@link createAnthropicMessage}. */
export interface AnthropicMessageEventsOptions extends Omit<AnthropicTextEventsOptions, "thinking" | "signature"> {
  /** The length of the pieces a string tool `input` is cut into; default 8. */
  readonly fragmentLength?: number;
}

/** Options of {@link createAnthropicToolUseEvents}. */
export type AnthropicToolUseEventsOptions = AnthropicMessageEventsOptions;

const DEFAULT_SIGNATURE = "loopback-signature";

/**
 * Messages stream events of an answer made of `blocks`, in the order given, the way Anthropic
 * streams one: `message_start`, each block (text as `text_delta`s, thinking as `thinking_delta`s
 * and a `signature_delta`, redacted thinking whole in its start, a tool call as
 * `input_json_delta`s) with a `ping` after the first block opens, then `message_delta` (stop
 * reason `tool_use` when a tool is called, `end_turn` otherwise; usage with cache counts) and
 * `message_stop`. Slice the result to cut the stream short.
 *
 * @example
 * createAnthropicMessageEvents([
 *   { type: "thinking", thinking: "The user wants the weather.", signature: "sig-1" },
 *   { id: "toolu_1", name: "get_weather", input: '{"city":"Paris"}' },
 * ], { usage: { cache_read_input_tokens: 2048 } });
 */
export function createAnthropicMessageEvents(
  blocks: readonly AnthropicBlockScript[],
  options: AnthropicMessageEventsOptions = {},
): object[] {
  const split = options.split ?? splitWords;
  let deltas = 0;
  const blockEvents = blocks.flatMap((block, index) => {
    const events = blockEventsOf(index, block, split, options);
    // The content deltas: a block's start and stop aside, and a thinking block's signature.
    deltas +=
      events.length - 2 - (typeof block !== "string" && block.type === "thinking" && block.signature !== null ? 1 : 0);
    return events;
  });
  const usage = options.usage;
  return [
    messageStart(options),
    // Anthropic sends its first ping right after the first block opens.
    ...blockEvents.slice(0, 1),
    { type: "ping" },
    ...blockEvents.slice(1),
    {
      type: "message_delta",
      delta: { stop_reason: options.stopReason ?? defaultStopReason(blocks), stop_sequence: null },
      usage: {
        // Repeated here only when scripted, as recent Anthropic streams do.
        ...(usage?.cache_creation_input_tokens === undefined && usage?.cache_read_input_tokens === undefined
          ? {}
          : cacheCounts(usage)),
        output_tokens: usage?.output_tokens ?? deltas,
        ...(usage?.output_tokens_details === undefined ? {} : { output_tokens_details: usage.output_tokens_details }),
      },
    },
    { type: "message_stop" },
  ];
}

/**
 * The whole `Message` a non-streamed request (`call()`) receives for the same `blocks`: text,
 * `thinking` (with its signature), `redacted_thinking` and `tool_use` blocks (input parsed).
 */
export function createAnthropicMessage(
  blocks: readonly AnthropicBlockScript[],
  options: AnthropicMessageEventsOptions = {},
): object {
  const usage = options.usage;
  return {
    id: options.id ?? "msg_loopback",
    type: "message",
    role: "assistant",
    model: options.model ?? "claude-sonnet-4-5",
    content: blocks.map(wholeBlockOf),
    stop_reason: options.stopReason ?? defaultStopReason(blocks),
    stop_sequence: null,
    usage: {
      input_tokens: usage?.input_tokens ?? 12,
      ...cacheCounts(usage),
      output_tokens: usage?.output_tokens ?? blocks.length,
      ...(usage?.output_tokens_details === undefined ? {} : { output_tokens_details: usage.output_tokens_details }),
    },
  };
}

/**
 * Messages stream events that stream `text` the way Anthropic does (see
 * {@link createAnthropicMessageEvents}), after a thinking block when `thinking` is given.
 */
export function createAnthropicTextEvents(text: string, options: AnthropicTextEventsOptions = {}): object[] {
  const { thinking, signature, ...rest } = options;
  const blocks: AnthropicBlockScript[] =
    thinking === undefined ? [text] : [{ type: "thinking", thinking, signature: signature ?? DEFAULT_SIGNATURE }, text];
  return createAnthropicMessageEvents(blocks, rest);
}

/**
 * Messages stream events of an answer that calls tools: each string is a text block, each
 * {@link AnthropicToolUseBlock} a `tool_use` block (see {@link createAnthropicMessageEvents}); the
 * stop reason is `tool_use` unless given.
 */
export function createAnthropicToolUseEvents(
  blocks: ReadonlyArray<string | AnthropicToolUseBlock>,
  options: AnthropicToolUseEventsOptions = {},
): object[] {
  return createAnthropicMessageEvents(blocks, { ...options, stopReason: options.stopReason ?? "tool_use" });
}

function blockEventsOf(
  index: number,
  block: AnthropicBlockScript,
  split: (text: string) => string[],
  options: AnthropicMessageEventsOptions,
): object[] {
  if (typeof block === "string") return textBlock(index, split(block));
  switch (block.type) {
    case "thinking":
      return thinkingBlock(index, split(block.thinking), block.signature);
    case "redacted_thinking":
      return [
        { type: "content_block_start", index, content_block: { type: "redacted_thinking", data: block.data } },
        { type: "content_block_stop", index },
      ];
    default:
      return toolUseBlock(index, block, options);
  }
}

function wholeBlockOf(block: AnthropicBlockScript): object {
  if (typeof block === "string") return { type: "text", text: block, citations: null };
  switch (block.type) {
    case "thinking":
      return { type: "thinking", thinking: block.thinking, signature: block.signature ?? DEFAULT_SIGNATURE };
    case "redacted_thinking":
      return { type: "redacted_thinking", data: block.data };
    default: {
      const input = typeof block.input === "string" ? block.input : (block.input ?? []).join("");
      return { type: "tool_use", id: block.id, name: block.name, input: input.trim() === "" ? {} : JSON.parse(input) };
    }
  }
}

function defaultStopReason(blocks: readonly AnthropicBlockScript[]): string {
  return blocks.some((block) => typeof block !== "string" && (block.type ?? "tool_use") === "tool_use")
    ? "tool_use"
    : "end_turn";
}

function cacheCounts(usage: AnthropicUsageScript | undefined) {
  return {
    cache_creation_input_tokens: usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: usage?.cache_read_input_tokens ?? 0,
  };
}

function toolUseBlock(index: number, block: AnthropicToolUseBlock, options: AnthropicMessageEventsOptions): object[] {
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

function messageStart(options: AnthropicMessageEventsOptions): object {
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
      usage: { input_tokens: options.usage?.input_tokens ?? 12, ...cacheCounts(options.usage), output_tokens: 1 },
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

function thinkingBlock(index: number, pieces: readonly string[], signature: string | null | undefined): object[] {
  return [
    { type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } },
    ...pieces.map((piece) => ({
      type: "content_block_delta",
      index,
      delta: { type: "thinking_delta", thinking: piece },
    })),
    ...(signature === null
      ? []
      : [
          {
            type: "content_block_delta",
            index,
            delta: { type: "signature_delta", signature: signature ?? DEFAULT_SIGNATURE },
          },
        ]),
    { type: "content_block_stop", index },
  ];
}
