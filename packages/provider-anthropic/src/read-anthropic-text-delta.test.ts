import { describe, expect, it } from "vitest";
import { readAnthropicTextDelta } from "./read-anthropic-text-delta.js";

/** A text delta as Anthropic lays it out (the layout `JSON.stringify` gives for these keys in this order). */
function textDelta(index: number, text: string): string {
  return JSON.stringify({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
}

describe("readAnthropicTextDelta", () => {
  it("reads the index and text of Anthropic's layout, as JSON.parse would, escapes and all", () => {
    const texts = [
      "Hello",
      "",
      " 日本語",
      " 🍎🍐 crème",
      ' "tart"',
      " C:\\oven\t",
      ".\n\n",
      "\u0001\u001f",
      'a"}}',
      "\\",
      "x".repeat(5000),
    ];
    for (const [index, text] of texts.entries()) {
      const data = textDelta(index * 7, text);
      expect(readAnthropicTextDelta(data), data).toEqual({ index: index * 7, text });
      expect(readAnthropicTextDelta(data)?.text).toBe((JSON.parse(data) as { delta: { text: string } }).delta.text);
    }
  });

  it("leaves any other layout or event to JSON.parse", () => {
    const others = [
      '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "spaced"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","extra":"b"}}',
      '{"type":"content_block_delta","index":0,"delta":{"text":"a","type":"text_delta"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\""}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}}',
      '{"type":"content_block_delta","index":,"delta":{"type":"text_delta","text":"a"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}',
      '{"type":"message_stop"}',
    ];
    for (const data of others) expect(readAnthropicTextDelta(data), data).toBeUndefined();
  });
});
