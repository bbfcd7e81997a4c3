/**
 * Tools and structured output through the real `@google/genai` SDK and a loopback server: the
 * request's function declarations and tool config, a tool loop whose second request carries the
 * `functionCall` (with its thought signature) and the `functionResponse`, `call()` with a
 * function call, and a `json_schema` output.
 */
import { defineTool } from "@promptstream/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type GeminiRequest,
  type GeminiScript,
  type GeminiServer,
  geminiChunk,
  geminiTextLines,
  startGeminiServer,
} from "./google-server.test-support.js";
import { GooglePrompt, PLACEHOLDER_THOUGHT_SIGNATURE } from "./index.js";

let server: GeminiServer;
let scripts: GeminiScript[] = [];
beforeAll(async () => {
  server = await startGeminiServer(() => scripts.shift() ?? { lines: geminiTextLines(["Done."]) });
});
afterAll(() => server.close());

const client = () => ({ apiKey: "AIzaToolSuiteKey", baseURL: server.baseURL });
const getWeather = defineTool({
  name: "get_weather",
  description: "The weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => `Sunny in ${city}`,
});
const WEATHER_DECLARATION = {
  name: "get_weather",
  description: "The weather in a city",
  parametersJsonSchema: expect.objectContaining({ type: "object", properties: { city: { type: "string" } } }),
};

function lastRequests(count: number): GeminiRequest[] {
  return server.requests.slice(-count);
}

describe("tools", () => {
  it("sends function declarations and toolChoice as functionCallingConfig", async () => {
    scripts = [{ lines: geminiTextLines(["No call."]) }];
    class Agent extends GooglePrompt({
      template: "Weather?",
      tools: [getWeather],
      callParams: { toolChoice: { name: "get_weather" } },
      client: client(),
    }) {}
    await new Agent().stream().text();
    const [request] = lastRequests(1);
    expect(request?.body.tools).toEqual([{ functionDeclarations: [WEATHER_DECLARATION] }]);
    expect(request?.body.toolConfig).toEqual({
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] },
    });
  });

  it("runs a tool loop: the second request has the call, its signature and the functionResponse", async () => {
    scripts = [
      {
        lines: [
          geminiChunk([
            { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "sig-paris" },
          ]),
          geminiChunk([{ text: "" }], { finishReason: "STOP" }),
        ],
      },
      { lines: geminiTextLines(["Take sunglasses."]) },
    ];
    class Agent extends GooglePrompt({
      template: "USER: Weather in Paris?",
      tools: [getWeather],
      maxSteps: 3,
      client: client(),
    }) {}
    const stream = new Agent().stream();
    expect(await stream.text()).toBe("Take sunglasses.");
    const [first, second] = lastRequests(2);
    expect(first?.body.contents).toEqual([{ role: "user", parts: [{ text: "Weather in Paris?" }] }]);
    expect(second?.body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris?" }] },
      {
        role: "model",
        parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "sig-paris" }],
      },
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "Sunny in Paris" } } }] },
    ]);
  });

  it("sends a history's unknown call with Google's placeholder signature, and its own id back", async () => {
    scripts = [{ lines: geminiTextLines(["Sunny."]) }];
    class Agent extends GooglePrompt({
      template: "MESSAGES: {history}",
      variables: z.object({ history: z.array(z.any()) }),
      tools: [getWeather],
      client: client(),
    }) {}
    const history = [
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "vertex-id-1", name: "get_weather", args: { city: "Rome" } }],
      },
      { role: "tool", toolCallId: "vertex-id-1", content: { temp: 30 }, isError: false },
    ];
    await new Agent({ history }).stream().text();
    const [request] = lastRequests(1);
    expect(request?.body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather?" }] },
      {
        role: "model",
        parts: [
          {
            functionCall: { id: "vertex-id-1", name: "get_weather", args: { city: "Rome" } },
            thoughtSignature: PLACEHOLDER_THOUGHT_SIGNATURE,
          },
        ],
      },
      {
        role: "user",
        parts: [{ functionResponse: { id: "vertex-id-1", name: "get_weather", response: { output: { temp: 30 } } } }],
      },
    ]);
  });
});

describe("call()", () => {
  it("sends :generateContent and reads text, thinking, usage and function calls", async () => {
    scripts = [
      {
        json: {
          candidates: [
            {
              content: {
                role: "model",
                parts: [
                  { text: "Thinking about Paris.", thought: true },
                  { text: "Let me check." },
                  { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "sig-call" },
                ],
              },
              finishReason: "STOP",
            },
          ],
          usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 4, thoughtsTokenCount: 6, totalTokenCount: 20 },
          modelVersion: "gemini-2.5-flash",
          responseId: "resp-call-1",
        },
      },
    ];
    class Agent extends GooglePrompt({ template: "Weather in Paris?", tools: [getWeather], client: client() }) {}
    const response = await new Agent().call();
    expect(lastRequests(1)[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(response.content).toBe("Let me check.");
    expect(response.reasoning).toBe("Thinking about Paris.");
    expect(response.finishReason).toBe("tool_calls");
    expect(response.usage).toEqual({
      inputTokens: 10,
      outputTokens: 10,
      totalTokens: 20,
      cachedInputTokens: undefined,
      reasoningTokens: 6,
    });
    expect(response.toolCalls.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
    ]);
    // What the next request needs back, on the message: the thought, the call's signature.
    expect(response.message).toEqual({
      role: "assistant",
      content: "Let me check.",
      reasoning: [{ provider: "google", text: "Thinking about Paris." }],
      toolCalls: [
        {
          id: response.toolCalls[0]?.id,
          name: "get_weather",
          args: { city: "Paris" },
          argsText: '{"city":"Paris"}',
          providerData: { google: { thoughtSignature: "sig-call" } },
        },
      ],
    });
  });
});

describe("structured output", () => {
  it("sends responseMimeType and responseJsonSchema in json_schema mode", async () => {
    scripts = [{ lines: geminiTextLines(['{"name":"Tarte', ' Tatin","minutes":45}']) }];
    class RecipeWriter extends GooglePrompt({
      template: "A recipe with apples",
      output: { schema: z.object({ name: z.string(), minutes: z.number() }), name: "recipe" },
      client: client(),
    }) {}
    expect(await new RecipeWriter().stream().object()).toEqual({ name: "Tarte Tatin", minutes: 45 });
    const config = lastRequests(1)[0]?.body.generationConfig as Record<string, unknown>;
    expect(config.responseMimeType).toBe("application/json");
    expect(config.responseJsonSchema).toEqual(
      expect.objectContaining({ type: "object", required: ["name", "minutes"] }),
    );
  });
});
