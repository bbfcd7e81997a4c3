import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages/messages";

/** The "index" of the output tool's block in `tool` mode: not a call the app runs, but the answer. */
export const OUTPUT_TOOL = -1;

/**
 * The tool calls of one stream, numbered: Anthropic numbers content blocks (text and thinking
 * included), core numbers tool calls (0, 1, ...). Each `tool_use` block that starts gets the next
 * call index; its deltas and its stop find it by block index. Other blocks that stream JSON
 * (`server_tool_use`: tools Anthropic runs itself) are not calls the app runs, and get none.
 */
export class AnthropicToolCallIndexes {
  readonly #byBlock = new Map<number, number>();
  readonly #outputTool: string | undefined;
  #count = 0;

  /** @param outputTool - in `tool` mode, the tool whose input is the answer: its block gets {@link OUTPUT_TOOL}. */
  constructor(outputTool?: string) {
    this.#outputTool = outputTool;
  }

  /**
   * The call index an event is about, for the start, deltas and stop of a `tool_use` block
   * ({@link OUTPUT_TOOL} for the output tool's); otherwise `undefined`.
   */
  indexOf(event: RawMessageStreamEvent): number | undefined {
    switch (event.type) {
      case "content_block_start": {
        if (event.content_block.type !== "tool_use") return undefined;
        if (event.content_block.name === this.#outputTool) {
          this.#byBlock.set(event.index, OUTPUT_TOOL);
          return OUTPUT_TOOL;
        }
        const index = this.#count++;
        this.#byBlock.set(event.index, index);
        return index;
      }
      case "content_block_delta":
      case "content_block_stop":
        // Most streams have no tool call: no lookup for their text deltas.
        return this.#byBlock.size === 0 ? undefined : this.#byBlock.get(event.index);
      default:
        return undefined;
    }
  }
}
