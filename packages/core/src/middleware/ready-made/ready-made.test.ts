import { describe, expect, it } from "vitest";
import { cacheResponses, image, logCalls, PromptRefusedError, refuseMatching } from "../../index.js";
import { createMemoryAdapter, helloScript, promptFor, usage } from "../../stream/response-stream.test-support.js";

describe("logCalls", () => {
  it("logs one line per call: prompt, provider, model, first chunk, duration, tokens, finish", async () => {
    const lines: string[] = [];
    const Recipe = promptFor(createMemoryAdapter(helloScript));
    await new Recipe({ ingredient: "pears" }, { middleware: [logCalls({ log: (line) => lines.push(line) })] })
      .stream()
      .text();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[promptstream\] RecipeRecommender memory memory-1: first chunk \d+ ms, \d+\.\d\d s, 7\+3 tokens, stop$/,
    );
    expect(lines[0]).not.toContain("pears");
  });

  it("logs a failure with the error's name and code", async () => {
    const lines: string[] = [];
    const Recipe = promptFor(createMemoryAdapter([{ fail: new Error("boom") }]));
    const ask = new Recipe(
      { ingredient: "x" },
      { maxRetries: 0, middleware: [logCalls({ log: (line) => lines.push(line) })] },
    );
    await expect(ask.stream().text()).rejects.toThrow();
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[promptstream\] RecipeRecommender memory: failed after \d+\.\d\d s: ProviderError \(unknown\)$/,
      ),
    ]);
  });
});

describe("cacheResponses", () => {
  it("answers a request seen before without sending, replaying its chunks and response", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const cache = cacheResponses();
    const Recipe = promptFor(adapter);
    const first = await new Recipe({ ingredient: "x" }, { middleware: [cache] }).stream().response();
    const again = new Recipe({ ingredient: "x" }, { middleware: [cache] }).stream();
    const pieces: string[] = [];
    for await (const chunk of again) pieces.push(chunk.content);
    expect(pieces).toEqual(["Hel", "lo", "", "!", ""]);
    expect((await again.response()).usage).toEqual(usage);
    expect(first.content).toBe("Hello!");
    expect(adapter.requests).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it("sends again for other variables or params, and keeps no answer left early", async () => {
    const adapter = createMemoryAdapter(helloScript);
    const cache = cacheResponses();
    const Recipe = promptFor(adapter);
    await new Recipe({ ingredient: "x" }, { middleware: [cache] }).stream().text();
    await new Recipe({ ingredient: "y" }, { middleware: [cache] }).stream().text();
    await new Recipe({ ingredient: "x" }, { middleware: [cache] }).stream({ temperature: 0 }).text();
    const left = new Recipe({ ingredient: "z" }, { middleware: [cache] }).stream();
    for await (const _chunk of left) break;
    await new Recipe({ ingredient: "z" }, { middleware: [cache] }).stream().text();
    expect(adapter.requests).toHaveLength(5);
    expect(cache.size).toBe(4);
  });

  it("keeps at most maxEntries answers, the least recently used going first", async () => {
    const adapter = createMemoryAdapter(["ok"]);
    const cache = cacheResponses({ maxEntries: 2 });
    const Recipe = promptFor(adapter);
    const ask = (ingredient: string) => new Recipe({ ingredient }, { middleware: [cache] }).stream().text();
    await ask("a");
    await ask("b");
    await ask("a");
    await ask("c"); // evicts b, the least recently used
    await ask("a");
    await ask("b");
    expect(adapter.requests.map((request) => JSON.stringify(request.messages))).toHaveLength(4);
  });
});

describe("refuseMatching", () => {
  it("refuses a user message that matches, before sending, with a PromptRefusedError", async () => {
    const adapter = createMemoryAdapter(["ok"]);
    const Recipe = promptFor(adapter);
    const guard = refuseMatching(/\b\d{4}(?: \d{4}){3}\b/g);
    const error = await new Recipe({ ingredient: "4111 1111 1111 1111" }, { middleware: [guard], maxRetries: 2 })
      .stream()
      .text()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PromptRefusedError);
    expect(error).toMatchObject({
      code: "prompt_refused",
      middleware: "refuseMatching",
      provider: "memory",
      retryable: false,
    });
    expect((error as Error).message).not.toContain("4111");
    expect(adapter.requests).toHaveLength(0);
    // A global pattern keeps no state between requests: the same answer twice.
    await expect(
      new Recipe({ ingredient: "4111 1111 1111 1111" }, { middleware: [guard] }).stream().text(),
    ).rejects.toBeInstanceOf(PromptRefusedError);
    expect(await new Recipe({ ingredient: "apples" }, { middleware: [guard] }).stream().text()).toBe("ok");
  });

  it("checks the text of a message with media too, and only user messages by default", async () => {
    const adapter = { ...createMemoryAdapter(["ok"]), mediaInput: { image: { mediaTypes: ["image/png"], url: true } } };
    const { definePrompt } = await import("../../index.js");
    class Describe extends definePrompt(adapter)({ template: "SYSTEM: Never say secret.\nUSER: {photo} {note}" }) {}
    const guard = refuseMatching(/secret/i);
    const photo = image("https://example.com/a.png", "image/png");
    expect(await new Describe({ photo, note: "hi" }, { middleware: [guard] }).stream().text()).toBe("ok");
    await expect(
      new Describe({ photo, note: "the secret" }, { middleware: [guard] }).stream().text(),
    ).rejects.toBeInstanceOf(PromptRefusedError);
  });
});
