/**
 * What an adapter puts on its response message's tool calls for its provider (`providerData`, e.g.
 * Gemini's thought signature) stays on the calls core records in the message, and so reaches the
 * next request of the tool loop.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type AssistantMessage,
  type CallResponse,
  definePrompt,
  defineTool,
  type Message,
  type RawToolCall,
} from "../index.js";
import { answerStep, callingStep, createToolAdapter } from "./tool-adapter.test-support.js";

const lookUp = defineTool({
  name: "look_up",
  parameters: z.object({ word: z.string() }),
  execute: ({ word }) => `${word}: a word`,
});

/** The message's calls as an adapter that signs them would report them: the signature by call id. */
function signed<TResponse extends CallResponse>(response: TResponse, calls: readonly RawToolCall[] = []): TResponse {
  const toolCalls = calls.map(({ id, name }) => ({
    id,
    name,
    args: {},
    providerData: { memory: { sig: `sig-${id}` } },
  }));
  return { ...response, message: { ...response.message, toolCalls } };
}

function signingAdapter(options: Parameters<typeof createToolAdapter>[0]) {
  const base = createToolAdapter(options);
  return {
    ...base,
    doCall: async (request: Parameters<typeof base.doCall>[0]) => {
      const response = await base.doCall(request);
      return signed(response, response.rawToolCalls);
    },
    doStream: async (request: Parameters<typeof base.doStream>[0]) => {
      const stream = await base.doStream(request);
      return {
        ...stream,
        createResponse: (summary: Parameters<typeof stream.createResponse>[0]) =>
          signed(stream.createResponse(summary), summary.rawToolCalls),
      };
    },
  };
}

describe("provider data on the message's tool calls", () => {
  it("is kept on the calls of a streamed response's message and sent back in the tool loop's next request", async () => {
    const adapter = signingAdapter({
      streams: [callingStep([{ id: "call_1", name: "look_up", args: '{"word":"tide"}' }]), answerStep("Done.")],
    });
    class Ask extends definePrompt(adapter)({ template: "Define tide.", tools: [lookUp] }) {}
    const stream = new Ask().stream(undefined, { maxSteps: 2 });
    for await (const _ of stream) {
      // read to the end
    }
    const sent = adapter.requests[1]?.messages.find((message: Message) => message.role === "assistant") as
      | AssistantMessage
      | undefined;
    expect(sent?.toolCalls).toEqual([
      {
        id: "call_1",
        name: "look_up",
        args: { word: "tide" },
        argsText: '{"word":"tide"}',
        providerData: { memory: { sig: "sig-call_1" } },
      },
    ]);
  });

  it("is kept on the calls of call()'s message", async () => {
    const adapter = signingAdapter({
      calls: [
        { rawToolCalls: [{ id: "call_9", name: "look_up", argsText: '{"word":"ebb"}' }], finishReason: "tool_calls" },
      ],
    });
    class Ask extends definePrompt(adapter)({ template: "Define ebb.", tools: [lookUp] }) {}
    const response = await new Ask().call();
    expect(response.message.toolCalls?.[0]?.providerData).toEqual({ memory: { sig: "sig-call_9" } });
  });
});
