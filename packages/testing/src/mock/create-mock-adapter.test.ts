import { defineTool, ProviderError, StreamAbortedError } from "@promptstream/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMockAdapter } from "./create-mock-adapter.js";

const usage = {
  inputTokens: 5,
  outputTokens: 2,
  totalTokens: 7,
  cachedInputTokens: undefined,
  reasoningTokens: undefined,
};

describe("createMockAdapter", () => {
  it("streams the scripted chunks through core and records the request core built", async () => {
    const mock = createMockAdapter();
    mock.script({ chunks: ["Apple", " pie."], usage });
    class Recipe extends mock.Prompt({
      template: "SYSTEM: Be brief.\nUSER: Recipe with {ingredient}",
      callParams: { maxTokens: 50 },
    }) {}
    const stream = new Recipe({ ingredient: "apples" }).stream({ temperature: 0 });
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.content);
    expect(pieces).toEqual(["Apple", " pie."]);
    expect(await stream.response()).toMatchObject({ content: "Apple pie.", finishReason: "stop", usage });
    expect(mock.calls).toHaveLength(1);
    expect(mock.calls[0]?.kind).toBe("stream");
    expect(mock.calls[0]?.request.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Recipe with apples" },
    ]);
    expect(mock.calls[0]?.request.params).toEqual({ maxTokens: 50, temperature: 0 });
  });

  it("answers call() with the joined chunks, and picks a script per request", async () => {
    const mock = createMockAdapter("kitchen");
    mock.script((request) => ({ chunks: [`echo: ${request.messages[0]?.content}`], finishReason: "length" }));
    class Echo extends mock.Prompt({ template: "{word}" }) {}
    const response = await new Echo({ word: "hi" }).call();
    expect(response).toMatchObject({ content: "echo: hi", finishReason: "length", model: "kitchen-model" });
    expect(mock.calls[0]?.kind).toBe("call");
  });

  it("throws a scripted error after the chunks, keeping the text received", async () => {
    const mock = createMockAdapter();
    const failure = new ProviderError("Overloaded", { code: "overloaded", provider: "mock", status: 529 });
    mock.script({ chunks: ["Half"], error: failure });
    class Ask extends mock.Prompt({ template: "Go" }) {}
    await expect(new Ask().stream().text()).rejects.toMatchObject({ code: "overloaded", partialText: "Half" });
  });

  it("counts a stream left early, and honours abort between chunks", async () => {
    const mock = createMockAdapter();
    mock.script({ chunks: ["a", "b", "c"], delayMs: 20 });
    class Ask extends mock.Prompt({ template: "Go" }) {}
    for await (const chunk of new Ask().stream()) if (chunk.content === "a") break;
    expect(mock.closedEarly).toBe(1);

    const stream = new Ask().stream();
    setTimeout(() => stream.abort("stop"), 30);
    await expect(stream.text()).rejects.toBeInstanceOf(StreamAbortedError);
    expect(mock.closedEarly).toBe(2);
  });

  it("answers with tool calls, streamed as fragments or whole from call(), and runs a tool loop", async () => {
    const mock = createMockAdapter();
    const add = defineTool({
      name: "add",
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    mock.script((request) =>
      request.messages.some((message) => message.role === "tool")
        ? { chunks: ["It is 5."] }
        : { chunks: ["Adding. "], toolCalls: [{ name: "add", args: { a: 2, b: 3 } }] },
    );
    class Sum extends mock.Prompt({ template: "What is 2 + 3?", tools: [add] }) {}

    const streamed = await new Sum().stream().response();
    expect(streamed.toolCalls).toEqual([
      { id: "call_0", name: "add", args: { a: 2, b: 3 }, argsText: '{"a":2,"b":3}' },
    ]);
    expect(streamed.finishReason).toBe("tool_calls");
    const called = await new Sum().call();
    expect(called.toolCalls).toEqual(streamed.toolCalls);

    const looped = await new Sum(undefined, { maxSteps: 2 }).call();
    expect(looped.content).toBe("It is 5.");
    expect(looped.steps.map((step) => step.toolResults.map((result) => result.result))).toEqual([[5], []]);
    expect(mock.calls.at(-1)?.request.messages.at(-1)).toEqual({
      role: "tool",
      toolCallId: "call_0",
      toolName: "add",
      content: 5,
    });
  });
});
