/**
 * Property-based tests of templates and variable values, through the public API only (prompt
 * classes from `definePrompt` over an adapter that never sends; only `new`, `messages()` and the
 * thrown errors are observed): any template with any variables renders or fails with a
 * PromptTemplateError.
 *
 * The rules under test are README "Prompts" > "Templates".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PromptstreamError, PromptTemplateError } from "../index.js";
import { MemoryPrompt, thrownBy } from "../test-support.js";
import { runs, templateAndVariables } from "./template-arbitraries.test-support.js";
import { render } from "./template-rendering.test-support.js";

/** The longest a single define + construct + render may take. */
const budgetMs = 200;

const templateErrorCodes = [
  "invalid_template",
  "missing_variable",
  "undeclared_variable",
  "invalid_variable",
  "async_schema",
];
const roles = ["system", "user", "assistant"];

function expectTemplateError(error: unknown): asserts error is PromptTemplateError {
  expect(error).toBeInstanceOf(PromptTemplateError);
  expect(PromptstreamError.isInstance(error)).toBe(true);
  expect((error as PromptTemplateError).name).toBe("PromptTemplateError");
  expect(templateErrorCodes).toContain((error as PromptTemplateError).code);
}

/** Times `action` in milliseconds; when over the budget, times it again, up to `attempts` times, and keeps the fastest. */
function fastestOf(attempts: number, action: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < attempts && fastest >= budgetMs; attempt += 1) {
    const started = performance.now();
    action();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

// --- 1. Robustness ---------------------------------------------------------------------------

describe("any template, any variables", () => {
  it("either renders messages or throws a PromptTemplateError, never another error, within the time budget", () => {
    let rendered = 0;
    let refused = 0;
    fc.assert(
      fc.property(templateAndVariables, ([template, variables]) => {
        // Define, construct and render once, checking what comes out.
        let Defined: ReturnType<typeof MemoryPrompt> | undefined;
        try {
          Defined = class ArbitraryPrompt extends MemoryPrompt({ template }) {};
        } catch (error) {
          expectTemplateError(error);
          expect(error.code).toBe("invalid_template");
          refused += 1;
        }
        if (Defined !== undefined) {
          expect(Defined.template).toBe(template);
          try {
            const messages = new Defined(variables as never).messages();
            for (const message of messages) {
              expect(roles).toContain(message.role);
              expect(typeof message.content).toBe("string");
            }
            rendered += 1;
          } catch (error) {
            expectTemplateError(error);
            expect(error.code).not.toBe("invalid_template");
            expect(error.promptName).toBe("ArbitraryPrompt");
            refused += 1;
          }
        }
        // The time budget: a garbage-collection pause can stretch one run, so a run over budget
        // is timed twice more and the fastest of the three counts.
        const elapsed = fastestOf(3, () => {
          try {
            const Timed = MemoryPrompt({ template });
            new Timed(variables as never).messages();
          } catch {
            // Checked above.
          }
        });
        expect(elapsed, `one definition and render took ${elapsed.toFixed(1)} ms`).toBeLessThan(budgetMs);
      }),
      { numRuns: 500 },
    );
    // The property is not vacuous: both outcomes happen.
    expect(rendered).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("reports an omitted variable as missing_variable, naming it", () => {
    const identifier = fc.stringMatching(/^[A-Za-z_$][\w$]{0,12}$/).filter((name) => !(name in Object.prototype));
    fc.assert(
      fc.property(identifier, fc.constantFrom("text", "messages"), (name, kind) => {
        const template = kind === "text" ? `USER: about {${name}}` : `MESSAGES: {${name}}`;
        const error = thrownBy(() => render(template, {}));
        expectTemplateError(error);
        expect(error).toMatchObject({ code: "missing_variable", variable: name, promptName: "ArbitraryPrompt" });
      }),
      { numRuns: runs },
    );
  });

  it("reports an omitted variable named like an Object.prototype member as missing_variable", () => {
    const inherited = Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    fc.assert(
      fc.property(fc.constantFrom(...inherited), fc.constantFrom("text", "messages"), (name, kind) => {
        const template = kind === "text" ? `USER: about {${name}}` : `MESSAGES: {${name}}`;
        const error = thrownBy(() => render(template, {}));
        expectTemplateError(error);
        expect(error).toMatchObject({ code: "missing_variable", variable: name });
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a self-containing array value with a PromptTemplateError", () => {
    const items: unknown[] = ["apples"];
    items.push(items);
    const error = thrownBy(() => render("Cook with {items}", { items }));
    expectTemplateError(error);
    expect(error).toMatchObject({ code: "invalid_variable" });
  });
});
