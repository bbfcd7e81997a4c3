/**
 * @module The scalar pieces of JSON the incremental parser reads: numbers (the usual ones in one
 * pass), the characters a number may hold, and setting a key as `JSON.parse` does.
 */

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);

/**
 * The value of the JSON number `text.slice(from, to)`, or `NaN` if it is not one. The usual ones
 * (`-?(0|[1-9][0-9]*)(\.[0-9]+)?`, up to 15 digits) are read here in one pass, exactly: the digits
 * and the power of ten are exact doubles, and one division rounds correctly. Others go to `Number`.
 */
export function numberValue(text: string, from: number, to: number): number {
  const start = text.charCodeAt(from) === 0x2d ? from + 1 : from;
  let mantissa = 0;
  let point = -1;
  let at = start;
  for (let code = text.charCodeAt(at); at < to; code = text.charCodeAt(++at)) {
    if (code >= 0x30 && code <= 0x39) mantissa = mantissa * 10 + code - 0x30;
    else if (code === 0x2e && point === -1 && at > start && at < to - 1) point = at;
    else break;
  }
  const digits = to - start - (point === -1 ? 0 : 1);
  const leadingZero = text.charCodeAt(start) === 0x30 && to - start > 1 && point !== start + 1;
  if (at === to && digits > 0 && digits <= 15 && !leadingZero) {
    const value = point === -1 ? mantissa : mantissa / (POWERS_OF_TEN[to - point - 1] as number);
    return start === from ? value : -value;
  }
  const token = text.slice(from, to);
  return NUMBER.test(token) ? Number(token) : Number.NaN;
}

export function isNumberChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d || code === 0x2b || (code | 0x20) === 0x65;
}

/** Sets an own property, as `JSON.parse` does even for `"__proto__"`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== "__proto__") target[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
