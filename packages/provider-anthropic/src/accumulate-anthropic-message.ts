import type {
  ContentBlock,
  Message,
  RawMessageDeltaEvent,
  RawMessageStreamEvent,
} from "@anthropic-ai/sdk/resources/messages/messages";
import type { StreamSummary, Usage } from "@promptstream/core";
import { type AnthropicUsageCounts, combineAnthropicUsage, mapAnthropicUsage } from "./map-anthropic-usage.js";

/** A server-side model fallback: the model asked for, and the one that answered. */
export interface AnthropicFallback {
  readonly from: string | undefined;
  readonly to: string | undefined;
}

/** A content block as it is being streamed: any block, with the fields deltas add to. */
type BlockInProgress = ContentBlock & {
  text?: string;
  thinking?: string;
  signature?: string;
  input?: unknown;
  citations?: unknown[] | null;
};

/**
 * Rebuilds the `Message` a stream describes (content blocks, stop reason, usage), so that
 * `stream.response()` gives the same raw message `call()` does. Per event it touches only the
 * block the event is about.
 */
export class AnthropicMessageAccumulator {
  #start: Message | undefined;
  #blocks: BlockInProgress[] = [];
  /**
   * Where each text block's deltas lie in the answer text core accumulates (every text_delta, in
   * order: the chunks' `content`), as [start, end) offsets: the text is kept once, not twice.
   * Not in `tool` mode, where the answer text is the output tool's input.
   */
  #textRanges = new Map<number, number[]>();
  #textLength = 0;
  #toolInputJson = new Map<number, string>();
  #delta: RawMessageDeltaEvent.Delta | undefined;
  #usage: AnthropicUsageCounts | undefined;
  /** `message_delta`'s usage as sent, with fields the neutral mapping does not read (e.g. `iterations`). */
  #deltaUsage: object | undefined;
  #fallback: AnthropicFallback | undefined;
  /**
   * In `tool` mode, the answer text core accumulates is the output tool's JSON, not the text
   * blocks: those keep their own text.
   */
  readonly #toolMode: boolean;

  /** @param outputTool - in `tool` mode, the tool whose input is the answer. */
  constructor(outputTool?: string) {
    this.#toolMode = outputTool !== undefined;
  }

  /** Records an event; returns the usage so far when the event reports usage. */
  add(event: RawMessageStreamEvent): Usage | undefined {
    switch (event.type) {
      case "content_block_delta":
        this.#addDelta(event.index, event.delta);
        return undefined;
      case "content_block_start":
        this.#blocks[event.index] = { ...event.content_block } as BlockInProgress;
        this.#noteFallback(event.content_block);
        return undefined;
      case "content_block_stop":
        this.#finishToolInput(event.index);
        return undefined;
      case "message_start":
        this.#start = event.message;
        this.#usage = event.message.usage;
        return mapAnthropicUsage(this.#usage);
      case "message_delta":
        this.#delta = event.delta;
        this.#deltaUsage = event.usage;
        this.#usage = combineAnthropicUsage(this.#usage, event.usage);
        return mapAnthropicUsage(this.#usage);
      default:
        return undefined;
    }
  }

  /** Records a text delta read without parsing its event (see `readAnthropicTextDelta`). */
  addText(index: number, length: number): void {
    this.#addTextRange(index, length);
  }

  /** The model that answered, when a fallback block said it was another than the one asked for. */
  get fallback(): AnthropicFallback | undefined {
    return this.#fallback;
  }

  toMessage(summary: StreamSummary): Message {
    // A stream cut inside a tool block never sent its content_block_stop.
    for (const index of [...this.#toolInputJson.keys()]) this.#finishToolInput(index);
    const start = this.#start;
    return {
      ...start,
      id: start?.id ?? "",
      type: "message",
      role: "assistant",
      model: start?.model ?? "",
      content: this.#blocksWithText(summary.content),
      stop_reason: (summary.rawFinishReason ?? null) as Message["stop_reason"],
      stop_sequence: this.#delta?.stop_sequence ?? null,
      stop_details: this.#delta?.stop_details ?? start?.stop_details ?? null,
      usage: { ...start?.usage, ...withoutNulls(this.#deltaUsage) } as Message["usage"],
    } as Message;
  }

  #addDelta(index: number, delta: Extract<RawMessageStreamEvent, { type: "content_block_delta" }>["delta"]): void {
    const block = this.#blocks[index];
    if (delta.type === "text_delta") {
      if (!this.#toolMode) this.#addTextRange(index, delta.text.length);
      else if (block !== undefined) block.text = (block.text ?? "") + delta.text;
      return;
    }
    if (block === undefined) return;
    switch (delta.type) {
      case "thinking_delta":
        block.thinking = (block.thinking ?? "") + delta.thinking;
        break;
      case "signature_delta":
        block.signature = delta.signature;
        break;
      case "input_json_delta":
        this.#toolInputJson.set(index, (this.#toolInputJson.get(index) ?? "") + delta.partial_json);
        break;
      case "citations_delta":
        block.citations = [...(block.citations ?? []), delta.citation];
        break;
    }
  }

  #addTextRange(index: number, length: number): void {
    const start = this.#textLength;
    this.#textLength += length;
    const ranges = this.#textRanges.get(index);
    if (ranges === undefined) this.#textRanges.set(index, [start, this.#textLength]);
    // The usual case: the block's deltas follow each other, and its range grows.
    else if (ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = this.#textLength;
    else ranges.push(start, this.#textLength);
  }

  /** The blocks, each text block with its text taken from the answer text. */
  #blocksWithText(answer: string): BlockInProgress[] {
    const blocks: BlockInProgress[] = [];
    this.#blocks.forEach((block, index) => {
      const ranges = this.#textRanges.get(index);
      if (ranges === undefined) {
        blocks.push(block);
        return;
      }
      let text = block.text ?? "";
      for (let at = 0; at < ranges.length; at += 2) text += answer.slice(ranges[at], ranges[at + 1]);
      blocks.push({ ...block, text });
    });
    return blocks;
  }

  /** A tool's input arrives as JSON fragments; parse them once the block is complete. */
  #finishToolInput(index: number): void {
    const json = this.#toolInputJson.get(index);
    const block = this.#blocks[index];
    if (json === undefined || block === undefined) return;
    this.#toolInputJson.delete(index);
    try {
      block.input = json.trim() === "" ? {} : JSON.parse(json);
    } catch {
      // Cut-off JSON: keep what arrived, as text, rather than invent an input.
      block.input = json;
    }
  }

  #noteFallback(block: { type: string }): void {
    if (block.type !== "fallback") return;
    const { from, to } = block as { from?: { model?: string }; to?: { model?: string } };
    this.#fallback = { from: from?.model, to: to?.model };
  }
}

function withoutNulls(usage: object | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (usage === undefined) return result;
  for (const [key, value] of Object.entries(usage)) if (value !== null && value !== undefined) result[key] = value;
  return result;
}
