/**
 * Property-based tests of templates and variable values, through the public API only (prompt
 * classes from `definePrompt` over an adapter that never sends; only `new`, `messages()` and the
 * thrown errors are observed): array values are joined with newlines.
 *
 * The rules under test are README "Prompts" > "Templates".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryPrompt } from "../test-support.js";
import { adversarialString, runs } from "./template-arbitraries.test-support.js";

// --- 4. Arrays -------------------------------------------------------------------------------

describe("array values", () => {
  class Shopping extends MemoryPrompt({ template: "SYSTEM: List.\nUSER: Items:\n{items}\nEnd" }) {}

  it("are joined with newlines", () => {
    fc.assert(
      fc.property(fc.array(adversarialString, { maxLength: 8 }), (items) => {
        expect(new Shopping({ items }).messages()).toEqual([
          { role: "system", content: "List." },
          { role: "user", content: `Items:\n${items.join("\n")}\nEnd` },
        ]);
      }),
      { numRuns: runs },
    );
  });

  it("of numbers, booleans and bigints are written as text and joined with newlines", () => {
    const scalar = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.bigInt(), adversarialString);
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 8 }), (items) => {
        const content = new Shopping({ items }).messages()[1]?.content;
        expect(content).toBe(`Items:\n${items.map((item) => `${item}`).join("\n")}\nEnd`);
      }),
      { numRuns: runs },
    );
  });

  it("an array of one item renders as that item", () => {
    fc.assert(
      fc.property(adversarialString, (item) => {
        expect(new Shopping({ items: [item] }).messages()).toEqual(new Shopping({ items: item }).messages());
      }),
      { numRuns: runs },
    );
  });
});
