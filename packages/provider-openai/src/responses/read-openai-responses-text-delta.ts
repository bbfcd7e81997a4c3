/**
 * @module The fast path for the event most of a Responses stream is made of, a text delta:
 * `{"type":"response.output_text.delta","delta":"...","item_id":...,"output_index":0,...}`, its
 * keys in any order. Its text is read without a general JSON parse (which would read every key and
 * build an object and a logprobs array per event), and decoded only when it holds escapes.
 *
 * `"delta":"` can only be the event's own key: inside a JSON string a quote is escaped, so the
 * sequence `":"` without a backslash cannot occur there, and no nested object of this event has a
 * `delta` key. Any data where it is missing is left to `JSON.parse`.
 */

const KEY = '"delta":"';
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The text of a `response.output_text.delta` event's data; `undefined` when it cannot be read so. */
export function readOpenAIResponsesTextDelta(data: string): string | undefined {
  const at = data.indexOf(KEY);
  if (at === -1) return undefined;
  const start = at + KEY.length;
  const quote = data.indexOf('"', start);
  if (quote === -1) return undefined;
  const backslash = data.indexOf("\\", start);
  if (backslash === -1 || backslash > quote) return data.slice(start, quote);
  // Escapes: find the closing quote past them, then let JSON.parse decode the literal.
  for (let index = backslash; index < data.length; index++) {
    const code = data.charCodeAt(index);
    if (code === BACKSLASH) index++;
    else if (code === QUOTE) return decodeLiteral(data.slice(start - 1, index + 1));
  }
  return undefined;
}

function decodeLiteral(literal: string): string | undefined {
  try {
    const text: unknown = JSON.parse(literal);
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}
