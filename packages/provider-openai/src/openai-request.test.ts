/**
 * What the adapter sends: the request body (only what the user set plus what the call needs),
 * which client sends it, and `call()` (non-streamed), checked on a loopback server that
 * records each request the real `openai` SDK makes.
 */
import {
  createOpenAITextChunks,
  type OpenAIChatServer,
  type RecordedRequest,
  startOpenAIChatServer,
} from "@promptstream/testing";
import OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type OpenAICallParams, OpenAIPrompt } from "./index.js";

const API_KEY = "test-key-request-suite";

const COMPLETION: ChatCompletion = {
  id: "chatcmpl-call-1",
  object: "chat.completion",
  created: 1_700_000_123,
  model: "gpt-4o-mini-2024-07-18",
  system_fingerprint: "fp_loopback",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Apple pie, apple crumble and tarte Tatin.", refusal: null },
      finish_reason: "stop",
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: 14,
    completion_tokens: 11,
    total_tokens: 25,
    prompt_tokens_details: { cached_tokens: 4 },
    completion_tokens_details: { reasoning_tokens: 0 },
  },
};

/** Answers a streamed request with a short text, and a non-streamed one with {@link COMPLETION}. */
function answer(request: RecordedRequest) {
  const body = request.body as { stream?: boolean };
  return body.stream === true ? { chunks: createOpenAITextChunks("Apple pie.") } : { json: COMPLETION };
}

let server: OpenAIChatServer;
let client: { baseURL: string; apiKey: string; maxRetries: number };

beforeAll(async () => {
  server = await startOpenAIChatServer(answer);
  client = { baseURL: server.baseURL, apiKey: API_KEY, maxRetries: 0 };
});
afterAll(() => server.close());

const USER_MESSAGE = { role: "user", content: "Recommend recipes that use apples as an ingredient" };
const STREAM_FIELDS = { stream: true, stream_options: { include_usage: true } };

function recipePrompt(definition: { callParams?: OpenAICallParams } = {}) {
  return class RecipeRecommender extends OpenAIPrompt({
    template: "Recommend recipes that use {ingredient} as an ingredient",
    variables: z.object({ ingredient: z.string() }),
    client,
    ...definition,
  }) {};
}

/** Sends a stream to the end and returns the body the server received for it. */
async function bodyOf(send: () => { text(): Promise<string> }): Promise<unknown> {
  const before = server.requests.length;
  await send().text();
  expect(server.requests.length).toBe(before + 1);
  const request = server.requests[before] as RecordedRequest;
  expect(request.method).toBe("POST");
  expect(request.path).toBe("/v1/chat/completions");
  return request.body;
}

describe("the request body", () => {
  it("holds the default model gpt-4o-mini, the messages and the stream fields when nothing is set", async () => {
    const Recipe = recipePrompt();
    const body = await bodyOf(() => new Recipe({ ingredient: "apples" }).stream());
    expect(body).toEqual({ model: "gpt-4o-mini", messages: [USER_MESSAGE], ...STREAM_FIELDS });
  });

  it("merges params definition < instance < call", async () => {
    const Recipe = recipePrompt({ callParams: { model: "gpt-4.1", temperature: 0.2, maxTokens: 100, seed: 1 } });
    const prompt = new Recipe({ ingredient: "apples" }, { callParams: { temperature: 0.5, seed: 7, topP: 0.9 } });

    expect(await bodyOf(() => prompt.stream())).toEqual({
      model: "gpt-4.1",
      temperature: 0.5,
      max_completion_tokens: 100,
      seed: 7,
      top_p: 0.9,
      messages: [USER_MESSAGE],
      ...STREAM_FIELDS,
    });
    expect(await bodyOf(() => prompt.stream({ maxTokens: 50, temperature: 0, model: "gpt-4o" }))).toEqual({
      model: "gpt-4o",
      temperature: 0,
      max_completion_tokens: 50,
      seed: 7,
      top_p: 0.9,
      messages: [USER_MESSAGE],
      ...STREAM_FIELDS,
    });
  });

  it("does not let an undefined value at a more specific level erase one set before", async () => {
    const Recipe = recipePrompt({ callParams: { model: "gpt-4.1", temperature: 0.2 } });
    const prompt = new Recipe({ ingredient: "apples" }, { callParams: { temperature: undefined, seed: 3 } });
    expect(await bodyOf(() => prompt.stream({ model: undefined, seed: undefined }))).toEqual({
      model: "gpt-4.1",
      temperature: 0.2,
      seed: 3,
      messages: [USER_MESSAGE],
      ...STREAM_FIELDS,
    });
  });

  it("sends maxTokens as max_completion_tokens by default", async () => {
    const Recipe = recipePrompt();
    const body = await bodyOf(() => new Recipe({ ingredient: "apples" }).stream({ maxTokens: 256 }));
    expect(body).toEqual({
      model: "gpt-4o-mini",
      max_completion_tokens: 256,
      messages: [USER_MESSAGE],
      ...STREAM_FIELDS,
    });
  });

  it('sends maxTokens as max_tokens with maxTokensField: "max_tokens", and never the switch itself', async () => {
    const Recipe = recipePrompt({ callParams: { maxTokensField: "max_tokens" } });
    const body = await bodyOf(() => new Recipe({ ingredient: "apples" }).stream({ maxTokens: 256 }));
    expect(body).toEqual({ model: "gpt-4o-mini", max_tokens: 256, messages: [USER_MESSAGE], ...STREAM_FIELDS });
  });

  it("sends no stream_options with includeUsage: false, and never the switch itself", async () => {
    const Recipe = recipePrompt({ callParams: { includeUsage: false } });
    const stream = new Recipe({ ingredient: "apples" }).stream();
    const body = await bodyOf(() => stream);
    expect(body).toEqual({ model: "gpt-4o-mini", messages: [USER_MESSAGE], stream: true });
    // The server in this suite sends usage anyway; the stream still reports what it got.
    expect((await stream.response()).content).toBe("Apple pie.");
  });

  it("maps stop, topP, seed, presencePenalty and frequencyPenalty to OpenAI's names", async () => {
    const Recipe = recipePrompt();
    const body = await bodyOf(() =>
      new Recipe({ ingredient: "apples" }).stream({
        stop: ["\n\n", "END"],
        topP: 0.8,
        seed: 42,
        presencePenalty: 0.5,
        frequencyPenalty: -0.25,
        temperature: 1.1,
      }),
    );
    expect(body).toEqual({
      model: "gpt-4o-mini",
      stop: ["\n\n", "END"],
      top_p: 0.8,
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: -0.25,
      temperature: 1.1,
      messages: [USER_MESSAGE],
      ...STREAM_FIELDS,
    });
  });

  it("sends a single stop sequence as a string", async () => {
    const Recipe = recipePrompt();
    const body = await bodyOf(() => new Recipe({ ingredient: "apples" }).stream({ stop: "END" }));
    expect(body).toEqual({ model: "gpt-4o-mini", stop: "END", messages: [USER_MESSAGE], ...STREAM_FIELDS });
  });

  it("passes OpenAI's native fields through as they are", async () => {
    const Recipe = recipePrompt({ callParams: { response_format: { type: "json_object" } } });
    const body = await bodyOf(() =>
      new Recipe({ ingredient: "apples" }).stream({
        user: "user-1234",
        logit_bias: { "50256": -100 },
        reasoning_effort: "low",
        tools: [
          {
            type: "function",
            function: { name: "find_recipe", parameters: { type: "object", properties: { name: { type: "string" } } } },
          },
        ],
        tool_choice: "auto",
      }),
    );
    expect(body).toEqual({
      model: "gpt-4o-mini",
      response_format: { type: "json_object" },
      user: "user-1234",
      logit_bias: { "50256": -100 },
      reasoning_effort: "low",
      tools: [
        {
          type: "function",
          function: { name: "find_recipe", parameters: { type: "object", properties: { name: { type: "string" } } } },
        },
      ],
      tool_choice: "auto",
      messages: [USER_MESSAGE],
      ...STREAM_FIELDS,
    });
  });

  it("sends each role's message from a SYSTEM/USER/ASSISTANT template", async () => {
    class Chat extends OpenAIPrompt({
      template: `
        SYSTEM: You are a chef who answers in {language}.
        USER: What can I cook with {ingredient}?
        ASSISTANT: A pie.
        USER: Something quicker?
      `,
      variables: z.object({ language: z.string(), ingredient: z.string() }),
      client,
    }) {}
    const body = await bodyOf(() => new Chat({ language: "French", ingredient: "apples" }).stream());
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You are a chef who answers in French." },
        { role: "user", content: "What can I cook with apples?" },
        { role: "assistant", content: "A pie." },
        { role: "user", content: "Something quicker?" },
      ],
      ...STREAM_FIELDS,
    });
  });
});

describe("the client", () => {
  let definitionServer: OpenAIChatServer;
  let instanceServer: OpenAIChatServer;
  let callServer: OpenAIChatServer;
  beforeAll(async () => {
    [definitionServer, instanceServer, callServer] = await Promise.all([
      startOpenAIChatServer(answer),
      startOpenAIChatServer(answer),
      startOpenAIChatServer(answer),
    ]);
  });
  afterAll(() => Promise.all([definitionServer.close(), instanceServer.close(), callServer.close()]));

  function counts(): [number, number, number] {
    return [definitionServer.requests.length, instanceServer.requests.length, callServer.requests.length];
  }

  it("the call's client overrides the instance's, which overrides the definition's", async () => {
    class Recipe extends OpenAIPrompt({
      template: "Recommend recipes that use {ingredient} as an ingredient",
      client: { baseURL: definitionServer.baseURL, apiKey: "definition-key", maxRetries: 0 },
    }) {}
    const instanceClient = { baseURL: instanceServer.baseURL, apiKey: "instance-key", maxRetries: 0 };
    const callClient = { baseURL: callServer.baseURL, apiKey: "call-key", maxRetries: 0 };

    await new Recipe({ ingredient: "apples" }).stream().text();
    expect(counts()).toEqual([1, 0, 0]);

    const withInstanceClient = new Recipe({ ingredient: "apples" }, { client: instanceClient });
    await withInstanceClient.stream().text();
    expect(counts()).toEqual([1, 1, 0]);

    await withInstanceClient.stream(undefined, { client: callClient }).text();
    expect(counts()).toEqual([1, 1, 1]);

    await new Recipe({ ingredient: "apples" }).call(undefined, { client: callClient });
    expect(counts()).toEqual([1, 1, 2]);

    expect(definitionServer.requests[0]?.headers.authorization).toBe("Bearer definition-key");
    expect(instanceServer.requests[0]?.headers.authorization).toBe("Bearer instance-key");
    expect(callServer.requests[0]?.headers.authorization).toBe("Bearer call-key");
    expect(callServer.requests[1]?.headers.authorization).toBe("Bearer call-key");
  });

  it("sends the given apiKey in the Authorization header", async () => {
    const before = server.requests.length;
    const Recipe = recipePrompt();
    await new Recipe({ ingredient: "apples" }).stream().text();
    expect(server.requests[before]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("accepts an OpenAI instance as the client", async () => {
    const instance = new OpenAI({ baseURL: callServer.baseURL, apiKey: "instance-of-openai", maxRetries: 0 });
    const before = callServer.requests.length;
    class Recipe extends OpenAIPrompt({ template: "Recommend a recipe", client: instance }) {}
    expect(await new Recipe().stream().text()).toBe("Apple pie.");
    expect(callServer.requests.length).toBe(before + 1);
    expect(callServer.requests[before]?.headers.authorization).toBe("Bearer instance-of-openai");
  });
});

describe("call()", () => {
  it("resolves to content, finish reason, usage, message and the raw completion", async () => {
    const before = server.requests.length;
    const Recipe = recipePrompt({ callParams: { temperature: 0.3 } });
    const response = await new Recipe({ ingredient: "apples" }).call({ maxTokens: 64 });
    const choice = COMPLETION.choices[0] as ChatCompletion.Choice;
    const usage = COMPLETION.usage as NonNullable<ChatCompletion["usage"]>;

    expect(response.content).toBe(choice.message.content);
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe(choice.finish_reason);
    expect(response.usage).toEqual({
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
      totalTokens: usage.total_tokens,
      cachedInputTokens: usage.prompt_tokens_details?.cached_tokens,
      reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
    });
    expect(response.model).toBe(COMPLETION.model);
    expect(response.id).toBe(COMPLETION.id);
    expect(response.message).toEqual({ role: "assistant", content: choice.message.content });
    expect(response.completion).toEqual(COMPLETION);
    expect(response.choices).toEqual(COMPLETION.choices);
    expect(response.choice).toEqual(choice);
    expect(response.refusal).toBe("");

    expect(server.requests.length).toBe(before + 1);
    const { stream, ...body } = (server.requests[before]?.body as Record<string, unknown> | undefined) ?? {};
    expect(stream === undefined || stream === false).toBe(true);
    expect(body).toEqual({
      model: "gpt-4o-mini",
      temperature: 0.3,
      max_completion_tokens: 64,
      messages: [USER_MESSAGE],
    });
  });

  it("names a refusal, and a tool call, in the neutral finish reason", async () => {
    const refusal: ChatCompletion = {
      ...COMPLETION,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: null, refusal: "I can't help with that." },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
    };
    const toolCall: ChatCompletion = {
      ...COMPLETION,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            refusal: null,
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "find_recipe", arguments: '{"name":"pie"}' } },
            ],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
    };
    const scripted = await startOpenAIChatServer((request) => {
      const content = (request.body as { messages: Array<{ content: string }> }).messages[0]?.content;
      return { json: content === "refuse" ? refusal : toolCall };
    });
    try {
      class Ask extends OpenAIPrompt({
        template: "{what}",
        client: { baseURL: scripted.baseURL, apiKey: API_KEY, maxRetries: 0 },
      }) {}
      const refused = await new Ask({ what: "refuse" }).call();
      expect(refused.finishReason).toBe("refusal");
      expect(refused.rawFinishReason).toBe("stop");
      expect(refused.refusal).toBe("I can't help with that.");
      expect(refused.content).toBe("");

      const tool = await new Ask({ what: "tool" }).call();
      expect(tool.finishReason).toBe("tool_calls");
      expect(tool.content).toBe("");
      expect(tool.choice?.message.tool_calls).toEqual(toolCall.choices[0]?.message.tool_calls);
    } finally {
      await scripted.close();
    }
  });
});
