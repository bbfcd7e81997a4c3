/**
 * Gemini's thought signatures sent back, through the real `@google/genai` SDK against a loopback
 * server: the tool loop's next request carries the first response's signatures; so does a
 * history stored as JSON and sent again, even one this process never saw (the signatures travel
 * in the message, not in memory); Google's placeholder goes only on a turn with no signature at
 * all; other providers' reasoning stays out.
 */
import { defineTool, type Message } from "@promptstream/core";
import { createGeminiToolCallChunks } from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type GeminiScript, type GeminiServer, startGeminiServer } from "./google-server.test-support.js";
import { GooglePrompt, PLACEHOLDER_THOUGHT_SIGNATURE } from "./index.js";

let server: GeminiServer;
let scripts: GeminiScript[] = [];
const linesOf = (...args: Parameters<typeof createGeminiToolCallChunks>): GeminiScript => ({
  lines: createGeminiToolCallChunks(...args).map((chunk) => JSON.stringify(chunk)),
});
beforeAll(async () => {
  server = await startGeminiServer(() => scripts.shift() ?? linesOf(["Done."]));
});
afterAll(() => server.close());

const client = () => ({ apiKey: "AIzaRoundTripSuiteKey", baseURL: server.baseURL });
const getWeather = defineTool({
  name: "get_weather",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `Sunny in ${city}`,
});

/** A first step as Gemini 3 sends it: a signed thought, a signed call, a parallel call without a signature. */
const SIGNED_STEP = linesOf([
  { thought: "Two cities.", thoughtSignature: "c2lnLXRob3VnaHQ=" },
  { name: "get_weather", args: { city: "Paris" }, thoughtSignature: "c2lnLXBhcmlz" },
  { name: "get_weather", args: { city: "Rome" } },
]);

/** The model turn the next request must hold for {@link SIGNED_STEP}. */
const SIGNED_TURN = {
  role: "model",
  parts: [
    { text: "Two cities.", thought: true, thoughtSignature: "c2lnLXRob3VnaHQ=" },
    { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "c2lnLXBhcmlz" },
    { functionCall: { name: "get_weather", args: { city: "Rome" } } },
  ],
};

const RESULTS_TURN = {
  role: "user",
  parts: [
    { functionResponse: { name: "get_weather", response: { output: "Sunny in Paris" } } },
    { functionResponse: { name: "get_weather", response: { output: "Sunny in Rome" } } },
  ],
};

/** The contents of the last request. */
const lastContents = () => server.requests.at(-1)?.body.contents;

/** Sends a history, with the weather tool. */
function chat(history: readonly unknown[]) {
  class Chat extends GooglePrompt({
    template: "MESSAGES: {history}",
    variables: z.object({ history: z.array(z.any()) }),
    tools: [getWeather],
    client: client(),
  }) {}
  return new Chat({ history: [...history] });
}

describe("thought signatures round trip", () => {
  it("sends the first response's signatures back in the tool loop's second request", async () => {
    scripts = [SIGNED_STEP, linesOf(["Both sunny."])];
    class Agent extends GooglePrompt({
      template: "USER: Weather in Paris and Rome?",
      tools: [getWeather],
      maxSteps: 2,
      client: client(),
    }) {}
    expect(await new Agent().stream().text()).toBe("Both sunny.");
    expect(lastContents()).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and Rome?" }] },
      SIGNED_TURN,
      RESULTS_TURN,
    ]);
  });

  it("sends them back from a history stored as JSON and parsed again", async () => {
    scripts = [SIGNED_STEP];
    class Agent extends GooglePrompt({
      template: "USER: Weather in Paris and Rome?",
      tools: [getWeather],
      client: client(),
    }) {}
    const response = await new Agent().stream().response();
    const history: Message[] = [
      { role: "user", content: "Weather in Paris and Rome?" },
      response.message,
      ...response.toolCalls.map(
        (call): Message => ({
          role: "tool",
          toolCallId: call.id,
          toolName: call.name,
          content: `Sunny in ${call.args.city}`,
        }),
      ),
    ];
    const stored = JSON.parse(JSON.stringify(history)) as Message[];
    scripts = [linesOf(["Both sunny."])];
    expect(await chat(stored).stream().text()).toBe("Both sunny.");
    expect(lastContents()).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and Rome?" }] },
      SIGNED_TURN,
      RESULTS_TURN,
    ]);
  });

  it("sends the signatures of a stored history this process never saw, from the message alone", async () => {
    const stored: Message[] = JSON.parse(
      JSON.stringify([
        { role: "user", content: "Weather in Oslo?" },
        {
          role: "assistant",
          content: "Checking.",
          reasoning: [{ provider: "google", text: "Oslo, then.", signature: "c3RvcmVkLXRob3VnaHQ=" }],
          providerData: { google: { thoughtSignature: "c3RvcmVkLXRleHQ=" } },
          toolCalls: [
            {
              id: "stored-call-1",
              name: "get_weather",
              args: { city: "Oslo" },
              providerData: { google: { thoughtSignature: "c3RvcmVkLWNhbGw=" } },
            },
          ],
        },
        { role: "tool", toolCallId: "stored-call-1", content: "Snow" },
      ]),
    );
    scripts = [linesOf(["Snow in Oslo."])];
    await chat(stored).stream().text();
    expect(lastContents()).toEqual([
      { role: "user", parts: [{ text: "Weather in Oslo?" }] },
      {
        role: "model",
        parts: [
          { text: "Oslo, then.", thought: true, thoughtSignature: "c3RvcmVkLXRob3VnaHQ=" },
          { text: "Checking.", thoughtSignature: "c3RvcmVkLXRleHQ=" },
          {
            functionCall: { id: "stored-call-1", name: "get_weather", args: { city: "Oslo" } },
            thoughtSignature: "c3RvcmVkLWNhbGw=",
          },
        ],
      },
      {
        role: "user",
        parts: [{ functionResponse: { id: "stored-call-1", name: "get_weather", response: { output: "Snow" } } }],
      },
    ]);
  });

  it("sends an answer's text signature back on the next plain turn", async () => {
    scripts = [linesOf([{ thought: "Easy." }, "Hello!"], { textSignature: "dGV4dC1zaWc=" })];
    class Hello extends GooglePrompt({ template: "USER: Say hello", client: client() }) {}
    const response = await new Hello().stream().response();
    scripts = [linesOf(["Goodbye!"])];
    class Next extends GooglePrompt({
      template: "MESSAGES: {history}",
      variables: z.object({ history: z.array(z.any()) }),
      client: client(),
    }) {}
    const history = [{ role: "user", content: "Say hello" }, response.message, { role: "user", content: "And bye?" }];
    await new Next({ history: JSON.parse(JSON.stringify(history)) }).stream().text();
    expect(lastContents()).toEqual([
      { role: "user", parts: [{ text: "Say hello" }] },
      {
        role: "model",
        parts: [
          { text: "Easy.", thought: true },
          { text: "Hello!", thoughtSignature: "dGV4dC1zaWc=" },
        ],
      },
      { role: "user", parts: [{ text: "And bye?" }] },
    ]);
  });

  it("puts Google's placeholder on the first call of a turn with no signature only, and leaves other providers' reasoning out", async () => {
    scripts = [linesOf(["Sunny."])];
    const history = [
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "",
        reasoning: [{ provider: "anthropic", text: "Claude's thinking.", signature: "YW50aHJvcGlj" }],
        toolCalls: [
          { id: "toolu_1", name: "get_weather", args: { city: "Lima" } },
          { id: "toolu_2", name: "get_weather", args: { city: "Cusco" } },
        ],
      },
      { role: "tool", toolCallId: "toolu_1", content: "Warm" },
      { role: "tool", toolCallId: "toolu_2", content: "Cold" },
    ];
    await chat(history).stream().text();
    expect((lastContents() as unknown[])[1]).toEqual({
      role: "model",
      parts: [
        {
          functionCall: { id: "toolu_1", name: "get_weather", args: { city: "Lima" } },
          thoughtSignature: PLACEHOLDER_THOUGHT_SIGNATURE,
        },
        { functionCall: { id: "toolu_2", name: "get_weather", args: { city: "Cusco" } } },
      ],
    });
  });
});
