/**
 * Property-based tests of templates and variable values, through the public API only (prompt
 * classes from `definePrompt` over an adapter that never sends; only `new`, `messages()` and the
 * thrown errors are observed): escaped braces render as single braces.
 *
 * The rules under test are README "Prompts" > "Templates".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "./template-arbitraries.test-support.js";
import { escapeBraces, hasMarkerLine, render } from "./template-rendering.test-support.js";

// --- 3. Escapes ------------------------------------------------------------------------------

describe("escaped braces", () => {
  const literalUnit = fc.constantFrom(
    "{",
    "}",
    "{{",
    "}}",
    "a",
    "Z",
    " ",
    "\t",
    ":",
    "SYSTEM:",
    "USER",
    "é",
    "😀",
    "\u00a0",
    "$",
    "_",
    "{a}",
  );

  it("a one-line text with every brace doubled renders back the text with single braces", () => {
    const line = fc
      .oneof(fc.string({ unit: literalUnit, maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }))
      .map((text) => text.replace(/[\r\n\u2028\u2029]/g, ""))
      // A lone line is dedented first (README), so leading whitespace of any kind is not indentation of a marker.
      .filter((text) => !hasMarkerLine(text.trimStart()));
    fc.assert(
      fc.property(line, (text) => {
        const expected = text.trim() === "" ? [] : [{ role: "user", content: text.trim() }];
        expect(render(escapeBraces(text), {})).toEqual(expected);
      }),
      { numRuns: runs },
    );
  });

  it("a multi-line text with every brace doubled, after a USER: marker, renders back with single braces", () => {
    const unit = fc.oneof(literalUnit, fc.constantFrom("\n", "\r\n", "\n   "));
    const text = fc.string({ unit, maxLength: 60 }).filter((candidate) => !hasMarkerLine(candidate));
    fc.assert(
      fc.property(text, (literal) => {
        const content = literal.replace(/\r\n/g, "\n").trim();
        expect(render(`USER: ${escapeBraces(literal)}`, {})).toEqual([{ role: "user", content }]);
      }),
      { numRuns: runs },
    );
  });

  it("a text holding placeholders, escaped, renders the placeholders as literal text and needs no variables", () => {
    const withPlaceholders = fc
      .array(fc.oneof(fc.constantFrom("{a}", "{name}", "{{x}}", "{"), fc.string({ maxLength: 5 })), { maxLength: 10 })
      .map((parts) => `x ${parts.join("")} x`.replace(/[\r\n\u2028\u2029]/g, ""));
    fc.assert(
      fc.property(withPlaceholders, (text) => {
        expect(render(escapeBraces(text), {})).toEqual([{ role: "user", content: text.trim() }]);
      }),
      { numRuns: runs },
    );
  });
});
