import { describe, expect, it } from "vitest";
import { CallParamsError, definePrompt } from "../index.js";
import { thrownBy } from "../test-support.js";
import { createMemoryAdapter, promptFor } from "./response-stream.test-support.js";

const thinkingScript = [
  { reasoning: "The user wants " },
  { reasoning: "apples." },
  "Apple ",
  { content: "pie.", finishReason: "stop" as const, rawFinishReason: "end_turn" },
];

describe("reasoning", () => {
  it("streams the reasoning apart from the text, and joins it on the response", async () => {
    const Recipe = promptFor(createMemoryAdapter(thinkingScript));
    const stream = new Recipe({ ingredient: "apples" }).stream();
    const pieces: string[] = [];
    for await (const piece of stream.reasoningStream) pieces.push(piece);
    expect(pieces).toEqual(["The user wants ", "apples."]);
    const response = await stream.response();
    expect(response.reasoning).toBe("The user wants apples.");
    expect(response.content).toBe("Apple pie.");
  });

  it("keeps the reasoning out of textStream and text()", async () => {
    const Recipe = promptFor(createMemoryAdapter(thinkingScript));
    const texts: string[] = [];
    for await (const text of new Recipe({ ingredient: "apples" }).stream().textStream) texts.push(text);
    expect(texts).toEqual(["Apple ", "pie."]);
  });

  it("reads a chunk without a reasoning field (an adapter written before it) as none", async () => {
    const Recipe = promptFor(createMemoryAdapter(["Hi"]));
    const stream = new Recipe({ ingredient: "apples" }).stream();
    const pieces: string[] = [];
    for await (const piece of stream.reasoningStream) pieces.push(piece);
    expect(pieces).toEqual([]);
    expect((await stream.response()).reasoning).toBe("");
  });

  it("sends the reasoning param only to adapters that declare supportsReasoning", async () => {
    const plain = createMemoryAdapter(["Hi"]);
    const Plain = promptFor(plain);
    const refused = thrownBy(() => new Plain({ ingredient: "x" }).stream({ reasoning: { effort: "high" } }));
    expect(refused).toBeInstanceOf(CallParamsError);
    expect(refused).toMatchObject({ code: "unsupported_param", param: "reasoning", provider: "memory" });
    expect(plain.requests).toHaveLength(0);

    const dropped = await new Plain({ ingredient: "x" })
      .stream({ reasoning: { effort: "high" } }, { unsupportedParams: "drop" })
      .text();
    expect(dropped).toBe("Hi");
    expect(plain.requests[0]?.params).not.toHaveProperty("reasoning");

    const thinking = { ...createMemoryAdapter(["Hi"]), supportsReasoning: true };
    class Thinking extends definePrompt(thinking)({ template: "Hi" }) {}
    await new Thinking().stream({ reasoning: { effort: "high", budgetTokens: 2048 } }).text();
    expect(thinking.requests[0]?.params.reasoning).toEqual({ effort: "high", budgetTokens: 2048 });
  });

  it("refuses a malformed reasoning param on any adapter, naming the field", async () => {
    const adapter = { ...createMemoryAdapter(["Hi"]), supportsReasoning: true };
    class Thinking extends definePrompt(adapter)({ template: "Hi" }) {}
    const cases = [
      [{ effort: "max" }, "reasoning.effort"],
      [{ budgetTokens: 0 }, "reasoning.budgetTokens"],
      [{ includeText: "yes" }, "reasoning.includeText"],
      ["high", "reasoning"],
    ] as const;
    for (const [reasoning, param] of cases) {
      const error = thrownBy(() => new Thinking().stream({ reasoning: reasoning as never }));
      expect(error, param).toMatchObject({ code: "invalid_param", param });
    }
    expect(adapter.requests).toHaveLength(0);
  });
});
