/**
 * @module The fast path for the event most of an Anthropic stream is made of: a text delta,
 * `{"type":"content_block_delta","index":N,"delta":{"type":"text_delta","text":"..."}}`. Read
 * from its known layout, it needs no general JSON parse (which reads every key and builds two
 * objects from them): only its text is decoded, and only when it holds escapes. Any other
 * layout (spaces, other keys, another order) is left to `JSON.parse`.
 */

const PREFIX = '{"type":"content_block_delta","index":';
const MIDDLE = ',"delta":{"type":"text_delta","text":"';
const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;

/** A text delta read by {@link readAnthropicTextDelta}. */
export interface AnthropicTextDelta {
  readonly index: number;
  readonly text: string;
}

/** The block index and text of a text delta in Anthropic's layout; `undefined` for any other data. */
export function readAnthropicTextDelta(data: string): AnthropicTextDelta | undefined {
  if (!data.startsWith(PREFIX)) return undefined;
  let at = PREFIX.length;
  let index = 0;
  for (
    let code = data.charCodeAt(at);
    code >= 0x30 && code <= 0x39 && at < PREFIX.length + 6;
    code = data.charCodeAt(++at)
  ) {
    index = index * 10 + code - 0x30;
  }
  if (at === PREFIX.length || !data.startsWith(MIDDLE, at)) return undefined;
  const start = at + MIDDLE.length;
  // The text's closing quote, then the two objects' braces, end the data.
  const end = data.length - 3;
  if (end < start || data.charCodeAt(end) !== QUOTE) return undefined;
  if (data.charCodeAt(end + 1) !== CLOSE_BRACE || data.charCodeAt(end + 2) !== CLOSE_BRACE) return undefined;
  const backslash = data.indexOf("\\", start);
  if (backslash === -1) {
    // No escape: the text is what lies between the quotes, if no other quote (another key) is there.
    return data.indexOf('"', start) === end ? { index, text: data.slice(start, end) } : undefined;
  }
  try {
    // Escapes: JSON.parse decodes the string literal, and refuses it if it is not one string.
    const text: unknown = JSON.parse(data.slice(start - 1, end + 1));
    return typeof text === "string" ? { index, text } : undefined;
  } catch {
    return undefined;
  }
}
