/**
 * Reasoning and prompt caching on the Responses API: the neutral `reasoning` param as the API's
 * `reasoning` object (and `include` with `store: false`), reasoning items kept on the response's
 * message as blocks and sent back before the calls they led to, `prompt_cache_key`, and cached
 * tokens; checked on the bodies the real `openai` SDK sent to a loopback server.
 */
import { CallParamsError, defineTool, type Message } from "@promptstream/core";
import { createOpenAIResponsesTextEvents, createOpenAIResponsesToolCallEvents } from "@promptstream/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIResponsesPrompt } from "./index.js";
import { responseObject, textEvents, useResponsesServer } from "./openai-responses.test-support.js";

const server = useResponsesServer();

const add = defineTool({
  name: "add",
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

class Ask extends OpenAIResponsesPrompt({ template: "USER: 12 + 7?", callParams: { model: "gpt-5-mini" } }) {}

async function bodyOf(run: () => { text(): Promise<string> }): Promise<Record<string, unknown>> {
  server.queue({ events: textEvents(["19."]) });
  await run().text();
  const bodies = server.bodies();
  expect(bodies).toHaveLength(1);
  return bodies[0] as Record<string, unknown>;
}

describe("the neutral reasoning param on the Responses API", () => {
  it.each([
    [{ effort: "high" }, { effort: "high", summary: "auto" }],
    [{ effort: "low", includeText: false }, { effort: "low" }],
    [{ includeText: true }, { summary: "auto" }],
  ] as const)("sends %j as reasoning: %j", async (reasoning, sent) => {
    const body = await bodyOf(() => new Ask(undefined, { client: server.client }).stream({ reasoning }));
    expect(body.reasoning).toEqual(sent);
    expect(body).not.toHaveProperty("include");
  });

  it("asks for the encrypted reasoning with store: false, beside the include values already set", async () => {
    const body = await bodyOf(() =>
      new Ask(undefined, { client: server.client }).stream({
        reasoning: { effort: "medium" },
        store: false,
        include: ["message.output_text.logprobs"],
      }),
    );
    expect(body).toMatchObject({
      reasoning: { effort: "medium", summary: "auto" },
      store: false,
      include: ["message.output_text.logprobs", "reasoning.encrypted_content"],
    });
  });

  it("does not repeat reasoning.encrypted_content when include has it", async () => {
    const body = await bodyOf(() =>
      new Ask(undefined, { client: server.client }).stream({
        reasoning: { effort: "low" },
        store: false,
        include: ["reasoning.encrypted_content"],
      }),
    );
    expect(body.include).toEqual(["reasoning.encrypted_content"]);
  });

  it("refuses budgetTokens before sending", async () => {
    const error = await Promise.resolve()
      .then(() => new Ask(undefined, { client: server.client }).stream({ reasoning: { budgetTokens: 1024 } }).text())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param: "reasoning.budgetTokens", provider: "openai" });
    expect(server.bodies()).toEqual([]);
  });
});

describe("reasoning items, kept and sent back", () => {
  const firstTurn = (options: { encrypted?: string } = {}) =>
    createOpenAIResponsesToolCallEvents([{ id: "call_1", name: "add", arguments: '{"a":12,"b":7}' }], {
      reasoningSummary: "Add them with the tool.",
      reasoningId: "rs_turn1",
      ...(options.encrypted === undefined ? {} : { reasoningEncryptedContent: options.encrypted }),
    });

  it("keeps each reasoning item on the message as an openai block, and streams its summary as reasoning", async () => {
    server.queue({ events: firstTurn({ encrypted: "gAAAA-turn1" }) });
    class Sum extends OpenAIResponsesPrompt({ template: "USER: 12 + 7?", tools: [add] }) {}
    const stream = new Sum(undefined, { client: server.client }).stream();
    let reasoning = "";
    for await (const piece of stream.reasoningStream) reasoning += piece;
    expect(reasoning).toBe("Add them with the tool.");
    const response = await stream.response();
    expect(response.reasoning).toBe("Add them with the tool.");
    expect(response.content).toBe("");
    expect(response.message).toEqual({
      role: "assistant",
      content: "",
      reasoning: [
        {
          provider: "openai",
          text: "Add them with the tool.",
          redactedData: "gAAAA-turn1",
          providerData: { id: "rs_turn1", summary: ["Add them with the tool."] },
        },
      ],
      providerData: { openai: { functionCallItemIds: { call_1: "fc_loopback_1" } } },
      toolCalls: [{ id: "call_1", name: "add", args: { a: 12, b: 7 }, argsText: '{"a":12,"b":7}' }],
    });
  });

  it("sends the encrypted reasoning item back before the call it led to, in the tool loop, with store: false", async () => {
    server.queue({ events: firstTurn({ encrypted: "gAAAA-turn1" }) }, { events: textEvents(["19."]) });
    class Sum extends OpenAIResponsesPrompt({ template: "USER: 12 + 7?", tools: [add], maxSteps: 2 }) {}
    const text = await new Sum(undefined, { client: server.client })
      .stream({ store: false, reasoning: { effort: "low" } })
      .text();
    expect(text).toBe("19.");
    const second = server.bodies()[1] as Record<string, unknown>;
    expect(second.include).toEqual(["reasoning.encrypted_content"]);
    expect(second.input).toEqual([
      { role: "user", content: "12 + 7?" },
      {
        type: "reasoning",
        id: "rs_turn1",
        summary: [{ type: "summary_text", text: "Add them with the tool." }],
        encrypted_content: "gAAAA-turn1",
      },
      { type: "function_call", id: "fc_loopback_1", call_id: "call_1", name: "add", arguments: '{"a":12,"b":7}' },
      { type: "function_call_output", call_id: "call_1", output: "19" },
    ]);
  });

  it("sends a stored reasoning item back by its id when there is no encrypted content (store not false)", async () => {
    server.queue({ events: firstTurn() }, { events: textEvents(["19."]) });
    class Sum extends OpenAIResponsesPrompt({ template: "USER: 12 + 7?", tools: [add], maxSteps: 2 }) {}
    await new Sum(undefined, { client: server.client }).stream().text();
    const input = (server.bodies()[1] as { input: unknown[] }).input;
    expect(input.slice(1, 3)).toEqual([
      { type: "reasoning", id: "rs_turn1", summary: [{ type: "summary_text", text: "Add them with the tool." }] },
      { type: "function_call", id: "fc_loopback_1", call_id: "call_1", name: "add", arguments: '{"a":12,"b":7}' },
    ]);
  });

  it("leaves out, with store: false, a reasoning item that has no encrypted content, and the call's item id with it", async () => {
    server.queue({ events: firstTurn() }, { events: textEvents(["19."]) });
    class Sum extends OpenAIResponsesPrompt({ template: "USER: 12 + 7?", tools: [add], maxSteps: 2 }) {}
    await new Sum(undefined, { client: server.client }).stream({ store: false }).text();
    const input = (server.bodies()[1] as { input: unknown[] }).input;
    expect(input.slice(1, 2)).toEqual([
      { type: "function_call", call_id: "call_1", name: "add", arguments: '{"a":12,"b":7}' },
    ]);
    expect(input).toHaveLength(3);
  });

  it("sends a text turn's reasoning before its message, the message with its item id; other providers' blocks are left out", async () => {
    server.queue({
      events: createOpenAIResponsesTextEvents("It is 19.", {
        reasoningSummary: "Easy sum.",
        reasoningEncryptedContent: "gAAAA-text",
      }),
    });
    const first = await new Ask(undefined, { client: server.client }).stream().response();
    expect(first.message.providerData).toEqual({ openai: { messageItemId: "msg_loopback_1" } });
    class Chat extends OpenAIResponsesPrompt({
      template: "MESSAGES: {history}",
      variables: z.object({ history: z.array(z.any()) }),
    }) {}
    const history: Message[] = [
      { role: "user", content: "12 + 7?" },
      {
        ...first.message,
        reasoning: [{ provider: "anthropic", text: "Hmm.", signature: "sig" }, ...(first.message.reasoning ?? [])],
      },
      { role: "user", content: "And times 3?" },
    ];
    server.queue({ events: textEvents(["57."]) });
    await new Chat({ history }, { client: server.client }).stream().text();
    const body = server.bodies().at(-1) as Record<string, unknown>;
    expect(body.input).toEqual([
      { role: "user", content: "12 + 7?" },
      {
        type: "reasoning",
        id: "rs_loopback_0",
        summary: [{ type: "summary_text", text: "Easy sum." }],
        encrypted_content: "gAAAA-text",
      },
      {
        type: "message",
        id: "msg_loopback_1",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: "It is 19.", annotations: [] }],
      },
      { role: "user", content: "And times 3?" },
    ]);
  });

  it("gives call() the same reasoning blocks from the response's output", async () => {
    const reasoning = {
      id: "rs_call",
      type: "reasoning",
      summary: [
        { type: "summary_text", text: "First. " },
        { type: "summary_text", text: "Second." },
      ],
      encrypted_content: "gAAAA-call",
    };
    const message = {
      id: "msg_call",
      type: "message",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: "19.", annotations: [] }],
    };
    server.queue({ json: responseObject("completed", { output: [reasoning, message] }) });
    const response = await new Ask(undefined, { client: server.client }).call();
    expect(response.reasoning).toBe("First. Second.");
    expect(response.message).toEqual({
      role: "assistant",
      content: "19.",
      reasoning: [
        {
          provider: "openai",
          text: "First. Second.",
          redactedData: "gAAAA-call",
          providerData: { id: "rs_call", summary: ["First. ", "Second."] },
        },
      ],
      providerData: { openai: { messageItemId: "msg_call" } },
    });
  });
});

describe("prompt caching on the Responses API", () => {
  it("sends nothing for CACHE lines, passes prompt_cache_key through, and reports cached tokens", async () => {
    class Cached extends OpenAIResponsesPrompt({
      template: "SYSTEM: A long style guide.\nCACHE\nUSER: Hi",
      callParams: { prompt_cache_key: "guide-v3" },
    }) {}
    server.queue({
      events: createOpenAIResponsesTextEvents("Hello.", { usage: { input_tokens: 2048, cached_tokens: 1920 } }),
    });
    const response = await new Cached(undefined, { client: server.client }).stream().response();
    expect(server.bodies()).toEqual([
      {
        model: "gpt-4o-mini",
        instructions: "A long style guide.",
        input: [{ role: "user", content: "Hi" }],
        prompt_cache_key: "guide-v3",
        stream: true,
      },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 2048, cachedInputTokens: 1920 });
  });
});
