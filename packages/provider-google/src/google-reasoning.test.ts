/**
 * Gemini's thinking through the real `@google/genai` SDK against a loopback server: thought parts
 * streamed as `reasoning` (never `content`), the response's reasoning and its message's reasoning
 * blocks; the neutral `reasoning` param as `thinkingConfig`, and what is refused before sending;
 * cache hints, which send nothing.
 */
import { CallParamsError, type ResponseChunk } from "@promptstream/core";
import { createGeminiToolCallChunks } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GeminiServer, startGeminiServer } from "./google-server.test-support.js";
import { type GoogleCallParams, GooglePrompt } from "./index.js";

let server: GeminiServer;
let lines: readonly string[] = [];
beforeAll(async () => {
  server = await startGeminiServer(() => ({ lines }));
});
afterAll(() => server.close());

const script = (...args: Parameters<typeof createGeminiToolCallChunks>) => {
  lines = createGeminiToolCallChunks(...args).map((chunk) => JSON.stringify(chunk));
};

function ask(callParams: GoogleCallParams = {}, template = "USER: How many r's in strawberry?") {
  class Ask extends GooglePrompt({
    template,
    client: { apiKey: "AIzaReasoningSuiteKey", baseURL: server.baseURL },
    callParams,
  }) {}
  return new Ask();
}

describe("thinking streamed", () => {
  it("streams thought parts as reasoning, never content, and keeps them, signed, on the response's message", async () => {
    script([{ thought: "Count the letters. Three.", thoughtSignature: "c2lnLXRob3VnaHQ=" }, "There are three."], {
      textSignature: "c2lnLXRleHQ=",
      usage: { thoughtsTokenCount: 40, candidatesTokenCount: 4, cachedContentTokenCount: 6 },
    });
    const stream = ask().stream();
    const chunks: ResponseChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.reasoning)).toEqual(["Count", " the", " letters.", " Three.", "", "", "", ""]);
    expect(chunks.map((chunk) => chunk.content)).toEqual(["", "", "", "", "There", " are", " three.", ""]);
    const response = await stream.response();
    expect(response.content).toBe("There are three.");
    expect(response.reasoning).toBe("Count the letters. Three.");
    expect(response.message).toEqual({
      role: "assistant",
      content: "There are three.",
      reasoning: [{ provider: "google", text: "Count the letters. Three.", signature: "c2lnLXRob3VnaHQ=" }],
      providerData: { google: { thoughtSignature: "c2lnLXRleHQ=" } },
    });
    expect(response.usage).toEqual({
      inputTokens: 12,
      outputTokens: 44,
      totalTokens: 56,
      cachedInputTokens: 6,
      reasoningTokens: 40,
    });
  });

  it("offers the thinking as reasoningStream, apart from textStream", async () => {
    script([{ thought: "Short thought." }, "Answer."]);
    const reasoning: string[] = [];
    for await (const piece of ask().stream().reasoningStream) reasoning.push(piece);
    expect(reasoning).toEqual(["Short", " thought."]);
    const text: string[] = [];
    for await (const piece of ask().stream().textStream) text.push(piece);
    expect(text.join("")).toBe("Answer.");
  });

  it("keeps thoughts apart in blocks: a signed piece closes its block, an answer part ends it", async () => {
    script([
      { thought: "First idea.", thoughtSignature: "c2lnLTE=" },
      { thought: "Second idea." },
      "Between.",
      { thought: "After the text." },
      "End.",
    ]);
    const response = await ask().stream().response();
    expect(response.message.reasoning).toEqual([
      { provider: "google", text: "First idea.", signature: "c2lnLTE=" },
      { provider: "google", text: "Second idea." },
      { provider: "google", text: "After the text." },
    ]);
    expect(response.content).toBe("Between.End.");
  });
});

describe("the reasoning param", () => {
  async function sentThinkingConfig(callParams: GoogleCallParams): Promise<unknown> {
    script(["Ok."]);
    await ask(callParams).stream().text();
    const config = server.requests.at(-1)?.body.generationConfig as Record<string, unknown> | undefined;
    return config?.thinkingConfig;
  }

  it("sends budgetTokens as thinkingBudget, with includeThoughts on by default", async () => {
    expect(await sentThinkingConfig({ reasoning: { budgetTokens: 2048 } })).toEqual({
      includeThoughts: true,
      thinkingBudget: 2048,
    });
  });

  it("sends effort as thinkingLevel on Gemini 3, and as a budget from the table on Gemini 2.5", async () => {
    expect(await sentThinkingConfig({ model: "gemini-3-pro-preview", reasoning: { effort: "high" } })).toEqual({
      includeThoughts: true,
      thinkingLevel: "HIGH",
    });
    expect(server.requests.at(-1)?.url).toContain("/models/gemini-3-pro-preview:");
    expect(await sentThinkingConfig({ model: "gemini-2.5-flash", reasoning: { effort: "low" } })).toEqual({
      includeThoughts: true,
      thinkingBudget: 1024,
    });
    expect(await sentThinkingConfig({ model: "models/gemini-2.5-pro", reasoning: { effort: "medium" } })).toEqual({
      includeThoughts: true,
      thinkingBudget: 8192,
    });
  });

  it("sends includeText: false as includeThoughts: false", async () => {
    expect(
      await sentThinkingConfig({ model: "gemini-3-flash-preview", reasoning: { effort: "low", includeText: false } }),
    ).toEqual({ includeThoughts: false, thinkingLevel: "LOW" });
  });

  it("sends no thinkingConfig without reasoning, and a native thinkingConfig as given", async () => {
    expect(await sentThinkingConfig({})).toBeUndefined();
    expect(await sentThinkingConfig({ thinkingConfig: { thinkingBudget: 0 } })).toEqual({ thinkingBudget: 0 });
  });

  it("refuses reasoning beside a native thinkingConfig, and effort beside budgetTokens, before sending", () => {
    const before = server.requests.length;
    const both = () => ask({ reasoning: { effort: "low" }, thinkingConfig: { includeThoughts: true } }).stream();
    expect(both).toThrow(CallParamsError);
    expect(both).toThrow(/`reasoning` and Gemini's native `thinkingConfig`: give one/);
    const twice = () => ask({ reasoning: { effort: "low", budgetTokens: 512 } }).stream();
    expect(twice).toThrow(/thinking level or a thinking budget, not both/);
    try {
      twice();
    } catch (error) {
      expect(error).toMatchObject({ code: "invalid_param", param: "reasoning", provider: "google" });
    }
    expect(server.requests.length).toBe(before);
  });
});

describe("cache hints", () => {
  it("sends nothing for a CACHE line: Gemini caches long prefixes implicitly", async () => {
    script(["Ok."]);
    await ask({}, "SYSTEM: You are a long system prompt.\nCACHE 1h\nUSER: Hi").stream().text();
    const cached = server.requests.at(-1)?.body;
    await ask({}, "SYSTEM: You are a long system prompt.\nUSER: Hi").stream().text();
    const plain = server.requests.at(-1)?.body;
    expect(cached).toEqual(plain);
    expect(JSON.stringify(cached)).not.toMatch(/cache/i);
  });
});
