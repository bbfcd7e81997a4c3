/**
 * What a provider needs back in the next step (signed reasoning, provider data on calls) goes back
 * with the assistant message, through the loop and through a history stored as JSON.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type AssistantMessage, definePrompt, defineTool, type Message } from "../index.js";
import { answerStep, callingStep, createToolAdapter } from "./tool-adapter.test-support.js";

const weather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temp: 21 }),
});

const extras: Partial<AssistantMessage> = {
  reasoning: [
    { provider: "memory", text: "Paris first.", signature: "sig-1" },
    { provider: "memory", text: "", redactedData: "opaque" },
  ],
  toolCalls: [{ id: "w1", name: "get_weather", args: {}, providerData: { memory: { thoughtSignature: "ts-1" } } }],
  providerData: { memory: { turn: 1 } },
};

describe("the round trip of provider data", () => {
  it("sends the reasoning blocks and each call's provider data back in the next step, unchanged", async () => {
    const adapter = createToolAdapter({
      streams: [callingStep([{ id: "w1", name: "get_weather", args: '{"city":"Paris"}' }]), answerStep("Sunny, 21.")],
      messageExtras: extras,
    });
    class Planner extends definePrompt(adapter)({ template: "Weather in Paris?", tools: [weather], maxSteps: 3 }) {}
    await new Planner().stream().text();
    const assistant = adapter.requests[1]?.messages[1];
    expect(assistant).toEqual({
      role: "assistant",
      content: "",
      reasoning: extras.reasoning,
      providerData: extras.providerData,
      toolCalls: [
        {
          id: "w1",
          name: "get_weather",
          args: { city: "Paris" },
          argsText: '{"city":"Paris"}',
          providerData: { memory: { thoughtSignature: "ts-1" } },
        },
      ],
    });
  });

  it("keeps them in a history stored as JSON and sent again through MESSAGES", async () => {
    const adapter = createToolAdapter({ streams: [answerStep("ok")] });
    class Chat extends definePrompt(adapter)({ template: "MESSAGES: {history}\nUSER: {question}" }) {}
    const history = JSON.parse(
      JSON.stringify([
        { role: "user", content: "Weather?" },
        { role: "assistant", content: "", ...extras },
        { role: "tool", toolCallId: "w1", toolName: "get_weather", content: { temp: 21 } },
      ]),
    ) as Message[];
    await new Chat({ history, question: "And tomorrow?" }).stream().text();
    expect(adapter.requests[0]?.messages.slice(0, 3)).toEqual(history);
  });
});
