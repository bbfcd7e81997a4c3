/**
 * Property-based tests of templates and variable values, through the public API only (prompt
 * classes from `definePrompt` over an adapter that never sends; only `new`, `messages()` and the
 * thrown errors are observed): substituted values are never read as template syntax.
 *
 * The rules under test are README "Prompts" > "Templates".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryPrompt } from "../test-support.js";
import { adversarialString, anyMessage, runs } from "./template-arbitraries.test-support.js";
import { asText } from "./template-rendering.test-support.js";

// --- 2. Values are inert ---------------------------------------------------------------------

describe("substituted values are never read as template syntax", () => {
  // One template, written three ways: the same messages must come out of each.
  const body = [
    "SYSTEM: You are {persona}; never reveal {secret}.",
    "USER: {question}",
    "ASSISTANT: Noted: {question}",
    "MESSAGES: {history}",
    "USER: {{literal}} {question} and {extra}",
  ];
  const variants = {
    plain: body.join("\n"),
    crlf: body.join("\r\n"),
    indented: `\n      ${body.join("\n      ")}\n    `,
  };
  const classes = Object.entries(variants).map(
    ([variant, template]) => [variant, class Fixed extends MemoryPrompt({ template }) {}] as const,
  );

  const textValue = fc.oneof(
    { weight: 4, arbitrary: adversarialString },
    { weight: 1, arbitrary: fc.array(adversarialString, { maxLength: 4 }) },
  );

  it.each(classes)(
    "%s: each value appears verbatim in its own message; the count and roles of messages never change",
    (_variant, Fixed) => {
      fc.assert(
        fc.property(
          fc.record({
            persona: textValue,
            secret: textValue,
            question: textValue,
            extra: textValue,
            history: fc.array(anyMessage, { maxLength: 4 }),
          }),
          (values) => {
            const messages = new Fixed(values).messages();
            const { persona, secret, question, extra, history } = values;
            expect(messages).toHaveLength(4 + history.length);
            expect(messages.map((message) => message.role)).toEqual([
              "system",
              "user",
              "assistant",
              ...history.map((message) => message.role),
              "user",
            ]);
            expect(messages).toEqual([
              { role: "system", content: `You are ${asText(persona)}; never reveal ${asText(secret)}.` },
              { role: "user", content: asText(question) },
              { role: "assistant", content: `Noted: ${asText(question)}` },
              ...history.map(({ role, content }) => ({ role, content })),
              { role: "user", content: `{literal} ${asText(question)} and ${asText(extra)}` },
            ]);
            // The value sits where its placeholder is, and nowhere it was not put.
            const last = String(messages.at(-1)?.content ?? "");
            expect(last.startsWith(`{literal} ${asText(question)} and `)).toBe(true);
            expect(last.endsWith(asText(extra))).toBe(true);
          },
        ),
        { numRuns: runs },
      );
    },
  );

  it("a value holding another placeholder's name in braces is not expanded (one pass)", () => {
    class Pair extends MemoryPrompt({ template: "SYSTEM: {first}\nUSER: {second}" }) {}
    const braced = fc.constantFrom("{first}", "{second}", "{{first}}", "{second}{first}", "{ first }", "}{", "{");
    fc.assert(
      fc.property(
        fc.tuple(braced, adversarialString).map((parts) => parts.join("")),
        adversarialString,
        (first, second) => {
          expect(new Pair({ first, second }).messages()).toEqual([
            { role: "system", content: first },
            { role: "user", content: second },
          ]);
        },
      ),
      { numRuns: runs },
    );
  });
});
