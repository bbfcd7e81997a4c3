import { describe, expect, it } from "vitest";
import { PromptTemplateError } from "../index.js";
import { MemoryPrompt, thrownBy } from "../test-support.js";

describe("template placeholders", () => {
  it("replaces each {name} placeholder with its variable's value", () => {
    class RecipeRecommender extends MemoryPrompt({
      template: "Recommend recipes that use {ingredient} as an ingredient",
    }) {}
    expect(new RecipeRecommender({ ingredient: "apples" }).messages()).toEqual([
      { role: "user", content: "Recommend recipes that use apples as an ingredient" },
    ]);
  });

  it("fills every occurrence of a placeholder used twice, and placeholders next to each other", () => {
    class Pairing extends MemoryPrompt({ template: "{a}{b}: {a} goes with {b}" }) {}
    expect(new Pairing({ a: "cheese", b: "wine" }).messages()).toEqual([
      { role: "user", content: "cheesewine: cheese goes with wine" },
    ]);
  });

  it("reads {{ and }} as literal braces, not as a placeholder", () => {
    class JsonAsker extends MemoryPrompt({
      template: 'Answer as JSON like {{"dish": "{dish}"}}; {{name}} is not a variable',
    }) {}
    expect(new JsonAsker({ dish: "pie" }).messages()).toEqual([
      { role: "user", content: 'Answer as JSON like {"dish": "pie"}; {name} is not a variable' },
    ]);
  });

  it("needs no variables for a template without placeholders", () => {
    class Greeter extends MemoryPrompt({ template: "Say hello in {{French}}." }) {}
    expect(new Greeter().messages()).toEqual([{ role: "user", content: "Say hello in {French}." }]);
  });

  it("exposes the template it was defined with on the class", () => {
    const template = "SYSTEM: Be brief.\nUSER: Greet {name}.";
    class Greeter extends MemoryPrompt({ template }) {}
    expect(Greeter.template).toBe(template);
  });
});

describe("template role markers", () => {
  it("splits lines starting SYSTEM:, USER: and ASSISTANT: into role messages, keeping multi-line contents", () => {
    class Chef extends MemoryPrompt({
      template:
        "SYSTEM: You are a chef.\nAnswer in one paragraph.\nUSER: What goes with {ingredient}?\nASSISTANT: Cinnamon.\nUSER: And with {other}?",
    }) {}
    expect(new Chef({ ingredient: "apples", other: "pears" }).messages()).toEqual([
      { role: "system", content: "You are a chef.\nAnswer in one paragraph." },
      { role: "user", content: "What goes with apples?" },
      { role: "assistant", content: "Cinnamon." },
      { role: "user", content: "And with pears?" },
    ]);
  });

  it("makes a template without any marker one user message", () => {
    class Note extends MemoryPrompt({ template: "First line about {topic}.\n\nThird line." }) {}
    expect(new Note({ topic: "bread" }).messages()).toEqual([
      { role: "user", content: "First line about bread.\n\nThird line." },
    ]);
  });

  it("makes text before the first marker a user message", () => {
    class Preface extends MemoryPrompt({ template: "Context: {context}\nASSISTANT: Noted." }) {}
    expect(new Preface({ context: "baking" }).messages()).toEqual([
      { role: "user", content: "Context: baking" },
      { role: "assistant", content: "Noted." },
    ]);
  });

  it("reads a marker only at the start of a line", () => {
    class Quoter extends MemoryPrompt({ template: "USER: Explain what SYSTEM: means in a chat log." }) {}
    expect(new Quoter().messages()).toEqual([{ role: "user", content: "Explain what SYSTEM: means in a chat log." }]);
  });

  it("splices the list of messages given for MESSAGES: {history} between the other messages", () => {
    class Conversation extends MemoryPrompt({
      template: "SYSTEM: You are a chef.\nMESSAGES: {history}\nUSER: {question}",
    }) {}
    const history = [
      { role: "user", content: "What goes with apples?" },
      { role: "assistant", content: "Cinnamon." },
    ] as const;
    expect(new Conversation({ history, question: "And with pears?" }).messages()).toEqual([
      { role: "system", content: "You are a chef." },
      { role: "user", content: "What goes with apples?" },
      { role: "assistant", content: "Cinnamon." },
      { role: "user", content: "And with pears?" },
    ]);
  });

  it("splices nothing for an empty history", () => {
    class Conversation extends MemoryPrompt({ template: "MESSAGES: {history}\nUSER: {question}" }) {}
    expect(new Conversation({ history: [], question: "Hi" }).messages()).toEqual([{ role: "user", content: "Hi" }]);
  });
});

describe("template layout", () => {
  it("dedents an indented template literal and trims each message, keeping relative indentation", () => {
    class Chef extends MemoryPrompt({
      template: `
        SYSTEM: You are a chef.
        List steps as:
          1. a step
        USER: Recommend recipes that use {ingredient}.
      `,
    }) {}
    expect(new Chef({ ingredient: "apples" }).messages()).toEqual([
      { role: "system", content: "You are a chef.\nList steps as:\n  1. a step" },
      { role: "user", content: "Recommend recipes that use apples." },
    ]);
  });

  it("reads Windows line endings like \\n", () => {
    class Chef extends MemoryPrompt({ template: "SYSTEM: You are a chef.\r\nUSER: Use {ingredient}.\r\n" }) {}
    expect(new Chef({ ingredient: "apples" }).messages()).toEqual([
      { role: "system", content: "You are a chef." },
      { role: "user", content: "Use apples." },
    ]);
  });
});

describe("invalid templates", () => {
  it.each([
    ["an unmatched }", "Recommend recipes } with {ingredient}"],
    ["an unclosed {", "Recommend recipes with {ingredient"],
    ["a placeholder name with a space", "Recommend recipes with {bad name}"],
    ["an empty placeholder", "Recommend recipes with {}"],
    ["a placeholder name starting with a digit", "Recommend {1st} recipes"],
    ["MESSAGES: followed by text", "MESSAGES: the history\nUSER: hi"],
    ["MESSAGES: followed by nothing", "MESSAGES:\nUSER: hi"],
    ["MESSAGES: followed by two placeholders", "MESSAGES: {history} {more}\nUSER: hi"],
    ["MESSAGES: followed by a placeholder and text", "MESSAGES: {history} please\nUSER: hi"],
  ])("rejects a template with %s with invalid_template when the prompt is defined", (_case, template) => {
    const error = thrownBy(() => MemoryPrompt({ template }));
    expect(error).toBeInstanceOf(PromptTemplateError);
    expect(error).toMatchObject({
      name: "PromptTemplateError",
      code: "invalid_template",
      promptName: "memory prompt definition",
      variable: undefined,
    });
  });

  it("points at the offending text and tells how to write a literal brace", () => {
    const error = thrownBy(() => MemoryPrompt({ template: "Answer as {json} }" }));
    expect((error as Error).message).toMatchInlineSnapshot(
      `"memory prompt definition: unmatched \`}\` at "as {json} }". Write \`}}\` for a literal brace."`,
    );
  });

  it("tells how MESSAGES: must be written", () => {
    const error = thrownBy(() => MemoryPrompt({ template: "MESSAGES: history" }));
    expect((error as Error).message).toMatchInlineSnapshot(
      `"memory prompt definition: \`MESSAGES:\` must be followed by exactly one placeholder, as in \`MESSAGES: {history}\`; found "history"."`,
    );
  });
});
