/**
 * The incremental JSON parser against `JSON.parse`, for any JSON value cut into any fragments: the
 * last value equals `JSON.parse` of the whole text, and every snapshot on the way is a partial of it
 * that is never torn (a string as its prefix, numbers and literals whole, keys whole).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IncrementalJsonParser, NOTHING } from "./incremental-json-parser.js";

const runs = Number(process.env.PROPERTY_RUNS ?? 300);

/** Whether `partial` is a state `full` passes through: complete values equal, the last open one a partial. */
function isPartialOf(partial: unknown, full: unknown): boolean {
  if (typeof partial === "string") return typeof full === "string" && full.startsWith(partial);
  if (partial === null || typeof partial !== "object") return Object.is(partial, full);
  if (Array.isArray(partial)) {
    if (!Array.isArray(full) || partial.length > full.length) return false;
    return partial.every((item, index) =>
      index === partial.length - 1 ? isPartialOf(item, full[index]) : deepEqual(item, full[index]),
    );
  }
  if (full === null || typeof full !== "object" || Array.isArray(full)) return false;
  const keys = Object.keys(partial);
  const fullKeys = Object.keys(full);
  // Keys appear in the order of the text, as whole names.
  if (keys.some((key, index) => fullKeys[index] !== key)) return false;
  const record = partial as Record<string, unknown>;
  const fullRecord = full as Record<string, unknown>;
  return keys.every((key, index) =>
    index === keys.length - 1 ? isPartialOf(record[key], fullRecord[key]) : deepEqual(record[key], fullRecord[key]),
  );
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Cuts `text` at the given offsets (sorted, deduplicated), which may fall inside escapes and surrogate pairs. */
function fragmentsOf(text: string, offsets: readonly number[]): string[] {
  const cuts = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(text.slice(from, cut));
    from = cut;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** JSON text of a value, written compact, with indentation, or with every non-ASCII character escaped. */
const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2), fc.boolean())
  .map(([value, indent, escapeAll]) => {
    const text = JSON.stringify(value, null, indent);
    return escapeAll
      ? text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
      : text;
  });

/**
 * Arrays of objects that share keys, as a model's list of records does, so that the parser guesses
 * keys: some keys are prefixes of others, some need escapes, and objects differ in which keys they have.
 */
const KEYS = ["id", "i", "idx", "name", "", "__proto__", 'say "hi"', "back\\slash", "tab\there", "é", "🍎"];
const objectText = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 1 })), {
    maxLength: 6,
    selector: ([key]) => key,
  })
  .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(",")}}`);
const recordsText = fc
  .array(fc.array(objectText, { maxLength: 8 }), { minLength: 1, maxLength: 3 })
  .map((lists) => `{"first":[${lists[0]?.join(",")}],"all":[${lists.map((list) => `[${list.join(",")}]`).join(",")}]}`);

/** Number texts, valid or not: signs, leading zeros, long mantissas, fractions and exponents. */
const numberText = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.stringMatching(/^[0-9]{0,22}$/),
    fc.option(fc.stringMatching(/^\.[0-9]{0,24}$/)),
    fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{0,3}$/)),
  )
  .map(([sign, digits, fraction, exponent]) => `${sign}${digits}${fraction ?? ""}${exponent ?? ""}`);

describe("the incremental JSON parser, for any JSON text in any fragments", () => {
  it("ends with JSON.parse of the whole text, and every snapshot is an untorn partial of it", () => {
    fc.assert(
      fc.property(jsonText, fc.array(fc.nat(), { maxLength: 40 }), (text, offsets) => {
        const full: unknown = JSON.parse(text);
        const parser = new IncrementalJsonParser();
        for (const fragment of fragmentsOf(text, offsets)) {
          parser.push(fragment);
          const snapshot = parser.snapshot();
          if (snapshot !== NOTHING)
            expect(isPartialOf(snapshot, full), `${JSON.stringify(snapshot)} of ${text}`).toBe(true);
        }
        parser.end();
        expect(parser.error).toBeUndefined();
        expect(parser.complete).toBe(true);
        expect(parser.value).toStrictEqual(full);
        expect(parser.snapshot()).toStrictEqual(full);
      }),
      { numRuns: runs },
    );
  });

  it("fails, as JSON.parse does, on text that is not JSON, wherever it is cut", () => {
    const broken = fc
      .tuple(jsonText, fc.nat(), fc.constantFrom("}", "]", ",", ":", "x", '"\n', "01", "-"))
      .map(([text, at, junk]) => {
        const cut = at % (text.length + 1);
        return `${text.slice(0, cut)}${junk}${text.slice(cut)}`;
      });
    fc.assert(
      fc.property(broken, fc.array(fc.nat(), { maxLength: 10 }), (text, offsets) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const parser = new IncrementalJsonParser();
        for (const fragment of fragmentsOf(text, offsets)) parser.push(fragment);
        parser.end();
        expect(parser.error === undefined, `${text}: ${parser.error}`).toBe(valid);
        if (valid) expect(parser.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: runs },
    );
  });

  it("reads arrays of like objects (whose keys it guesses) as JSON.parse does", () => {
    fc.assert(
      fc.property(recordsText, fc.array(fc.nat(), { maxLength: 60 }), (text, offsets) => {
        const full: unknown = JSON.parse(text);
        const parser = new IncrementalJsonParser();
        for (const fragment of fragmentsOf(text, offsets)) {
          parser.push(fragment);
          const snapshot = parser.snapshot();
          if (snapshot !== NOTHING) expect(isPartialOf(snapshot, full), text).toBe(true);
        }
        parser.end();
        expect(parser.error).toBeUndefined();
        expect(parser.value).toStrictEqual(full);
        expect(Object.keys(parser.value as object)).toEqual(Object.keys(full as object));
      }),
      { numRuns: runs },
    );
  });

  it("reads numbers to the same double as JSON.parse (-0 included), and fails on those it rejects", () => {
    fc.assert(
      fc.property(
        fc.array(numberText, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (numbers, offsets) => {
          const text = `[${numbers.join(",")}]`;
          let full: unknown[] | undefined;
          try {
            full = JSON.parse(text) as unknown[];
          } catch {
            full = undefined;
          }
          const parser = new IncrementalJsonParser();
          for (const fragment of fragmentsOf(text, offsets)) parser.push(fragment);
          parser.end();
          expect(parser.error === undefined, `${text}: ${parser.error}`).toBe(full !== undefined);
          if (full === undefined) return;
          const value = parser.value as unknown[];
          expect(value.length).toBe(full.length);
          for (const [index, item] of full.entries())
            expect(Object.is(value[index], item), `${text} [${index}]`).toBe(true);
        },
      ),
      { numRuns: runs },
    );
  });

  it("in lenient mode, skips text around an object or array; with maxDepth, rejects deeper nesting", () => {
    const wrapped = fc.tuple(
      fc.constantFrom("", "Sure! Here it is:\n```json\n", "x: "),
      fc.oneof(
        recordsText,
        jsonText.filter((text) => text.startsWith("{") || text.startsWith("[")),
      ),
      fc.constantFrom("", "\n```", " Done. {}"),
    );
    fc.assert(
      fc.property(
        wrapped,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.nat({ max: 6 }),
        ([before, json, after], offsets, maxDepth) => {
          const text = `${before}${json}${after}`;
          const parser = new IncrementalJsonParser({ lenient: true, maxDepth });
          for (const fragment of fragmentsOf(text, offsets)) parser.push(fragment);
          parser.end();
          const deep = depthOf(JSON.parse(json)) > maxDepth;
          expect(parser.error, text).toEqual(
            deep ? expect.stringContaining(`nested deeper than ${maxDepth}`) : undefined,
          );
          if (!deep) expect(parser.value).toStrictEqual(JSON.parse(json));
        },
      ),
      { numRuns: runs },
    );
  });
});

function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}
