/**
 * What the adapter sends: the request body (only what the user set plus what the Messages API
 * demands), which client sends it, which model, and `call()` (non-streamed), checked on a
 * loopback server that records each request the real `@anthropic-ai/sdk` makes. Params
 * Anthropic cannot honour, and prompts it cannot take, fail before anything is sent.
 */
import Anthropic from "@anthropic-ai/sdk";
import { CallParamsError, type Message as NeutralMessage, ProviderError } from "@promptstream/core";
import {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  createAnthropicTextEvents,
  type RecordedRequest,
  rejectionOf,
  startAnthropicMessagesServer,
  thrownBy,
} from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  ANTHROPIC_DEFAULT_MODEL,
  ANTHROPIC_MODEL_ENV,
  type AnthropicCallParams,
  AnthropicPrompt,
} from "./index.js";

const API_KEY = "sk-ant-test-request-suite-0001";
const STREAMED_TEXT = "Apple pie, then apple crumble.";

/** A whole Messages API answer, as `call()` receives it: thinking, two text blocks, a stop sequence, cached input. */
const MESSAGE = {
  id: "msg_01CallRequestSuite",
  type: "message",
  role: "assistant",
  model: "claude-haiku-4-5-20251001",
  content: [
    { type: "thinking", thinking: "They have apples; suggest baking.", signature: "sig-call-1" },
    { type: "text", text: "Apple pie, " },
    { type: "text", text: "apple crumble and tarte Tatin." },
  ],
  stop_reason: "stop_sequence",
  stop_sequence: "END",
  usage: {
    input_tokens: 21,
    cache_creation_input_tokens: 5,
    cache_read_input_tokens: 100,
    output_tokens: 17,
    output_tokens_details: { thinking_tokens: 9 },
  },
} as const;

/** Answers a streamed request with {@link STREAMED_TEXT}, and a non-streamed one with {@link MESSAGE}. */
function answer(request: RecordedRequest): AnthropicMessagesScript {
  const body = request.body as { stream?: boolean };
  return body.stream === true ? { events: createAnthropicTextEvents(STREAMED_TEXT) } : { json: MESSAGE };
}

function clientOf(server: AnthropicMessagesServer, apiKey = API_KEY) {
  return { baseURL: server.baseURL, apiKey, maxRetries: 0, logLevel: "off" } as const;
}

let server: AnthropicMessagesServer;
let client: ReturnType<typeof clientOf>;

beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
  client = clientOf(server);
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

const INGREDIENT = "apples";
const USER_TEXT = `Recommend recipes that use ${INGREDIENT} as an ingredient`;
const USER_MESSAGE = { role: "user", content: USER_TEXT };

function recipePrompt(definition: { callParams?: AnthropicCallParams } = {}) {
  return class RecipeRecommender extends AnthropicPrompt({
    template: "Recommend recipes that use {ingredient} as an ingredient",
    variables: z.object({ ingredient: z.string() }),
    client,
    ...definition,
  }) {};
}

/** Sends a stream to the end and returns the body the server received for it. */
async function bodyOf(send: () => { text(): Promise<string> }): Promise<Record<string, unknown>> {
  const before = server.requests.length;
  expect(await send().text()).toBe(STREAMED_TEXT);
  expect(server.requests.length).toBe(before + 1);
  const request = server.requests[before] as RecordedRequest;
  expect(request.method).toBe("POST");
  expect(request.path).toBe("/v1/messages");
  return request.body as Record<string, unknown>;
}

/** The body of a streamed request holding only `fields` besides the messages. */
function streamedBody(fields: Record<string, unknown>, messages: unknown[] = [USER_MESSAGE]) {
  return {
    model: ANTHROPIC_DEFAULT_MODEL,
    max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
    ...fields,
    messages,
    stream: true,
  };
}

describe("the request body", () => {
  it("holds the default model and max_tokens, the message as a string, and stream: true when nothing is set", async () => {
    vi.stubEnv(ANTHROPIC_MODEL_ENV, undefined);
    const Recipe = recipePrompt();
    const body = await bodyOf(() => new Recipe({ ingredient: INGREDIENT }).stream());
    expect(body).toStrictEqual(streamedBody({}));
  });

  it("sends nothing for params left undefined, at any level", async () => {
    vi.stubEnv(ANTHROPIC_MODEL_ENV, undefined);
    const Recipe = recipePrompt({ callParams: { metadata: undefined, maxTokens: undefined } });
    const prompt = new Recipe({ ingredient: INGREDIENT }, { callParams: { stop: undefined, thinking: undefined } });
    const body = await bodyOf(() => prompt.stream({ model: undefined, tools: undefined, service_tier: undefined }));
    expect(Object.keys(body).sort()).toEqual(["max_tokens", "messages", "model", "stream"]);
    expect(Object.values(body)).not.toContain(null);
    expect(body).toStrictEqual(streamedBody({}));
  });

  it("sends maxTokens as max_tokens", async () => {
    const Recipe = recipePrompt({ callParams: { model: "claude-sonnet-4-6" } });
    const body = await bodyOf(() => new Recipe({ ingredient: INGREDIENT }).stream({ maxTokens: 256 }));
    expect(body).toStrictEqual(streamedBody({ model: "claude-sonnet-4-6", max_tokens: 256 }));
  });

  it("sends stop as the stop_sequences array, a single sequence too", async () => {
    const Recipe = recipePrompt({ callParams: { model: "claude-sonnet-4-6" } });
    const one = await bodyOf(() => new Recipe({ ingredient: INGREDIENT }).stream({ stop: "END" }));
    expect(one).toStrictEqual(streamedBody({ model: "claude-sonnet-4-6", stop_sequences: ["END"] }));
    const sequences = ["\n\nHuman:", "END"];
    const several = await bodyOf(() => new Recipe({ ingredient: INGREDIENT }).stream({ stop: sequences }));
    expect(several).toStrictEqual(streamedBody({ model: "claude-sonnet-4-6", stop_sequences: sequences }));
    expect(several).not.toHaveProperty("stop");
  });

  it("passes Anthropic's native fields through as they are, merged definition < instance < call", async () => {
    const tools = [
      {
        name: "find_recipe",
        description: "Finds a recipe by name",
        input_schema: { type: "object" as const, properties: { name: { type: "string" } }, required: ["name"] },
      },
    ];
    const Recipe = recipePrompt({
      callParams: { model: "claude-sonnet-4-6", metadata: { user_id: "definition-user" }, tools },
    });
    const prompt = new Recipe(
      { ingredient: INGREDIENT },
      { callParams: { thinking: { type: "enabled", budget_tokens: 2048 } } },
    );
    const body = await bodyOf(() =>
      prompt.stream({ metadata: { user_id: "call-user" }, tool_choice: { type: "auto" }, maxTokens: 8192 }),
    );
    expect(body).toStrictEqual(
      streamedBody({
        model: "claude-sonnet-4-6",
        max_tokens: 8192,
        metadata: { user_id: "call-user" },
        tools,
        thinking: { type: "enabled", budget_tokens: 2048 },
        tool_choice: { type: "auto" },
      }),
    );
  });

  it("sends system messages as the top-level system, joined by a blank line, wherever they stand", async () => {
    class Chef extends AnthropicPrompt({
      template: `
        SYSTEM: You are a chef who answers in {language}.
        MESSAGES: {history}
        USER: {question}
      `,
      variables: z.object({
        language: z.string(),
        history: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })),
        question: z.string(),
      }),
      client,
    }) {}
    const history: NeutralMessage[] = [
      { role: "user", content: "I have apples." },
      { role: "assistant", content: "Bake them." },
      { role: "system", content: "Keep every answer under fifty words." },
    ];
    const question = "Something quicker?";
    const chef = new Chef({ language: "French", history, question });
    const rendered = chef.messages();
    const systemTexts = rendered.filter((message) => message.role === "system").map((message) => message.content);
    expect(systemTexts).toHaveLength(2);

    const body = await bodyOf(() => chef.stream({ model: "claude-sonnet-4-6" }));
    expect(body.system).toBe(systemTexts.join("\n\n"));
    expect(body.messages).toStrictEqual([
      { role: "user", content: "I have apples." },
      { role: "assistant", content: "Bake them." },
      { role: "user", content: question },
    ]);
    expect(JSON.stringify(body.messages)).not.toContain('"system"');
  });

  it("merges consecutive messages of one role into one message of text blocks, and sends a lone block as a string", async () => {
    class Chat extends AnthropicPrompt({
      template: `
        MESSAGES: {history}
        USER: {question}
      `,
      variables: z.object({
        history: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })),
        question: z.string(),
      }),
      client,
    }) {}
    const history: NeutralMessage[] = [
      { role: "user", content: "Hello." },
      { role: "user", content: "I have apples." },
      { role: "assistant", content: "Nice." },
      { role: "assistant", content: "What else do you have?" },
      { role: "user", content: "Flour." },
      // A system message between two user turns goes to `system`: the turns around it become one.
      { role: "system", content: "Be brief." },
    ];
    const question = "What can I bake?";
    const texts = (role: string, from: number, to: number) =>
      history
        .slice(from, to)
        .filter((message) => message.role === role)
        .map((message) => ({ type: "text", text: message.content }));

    const body = await bodyOf(() => new Chat({ history, question }).stream({ model: "claude-sonnet-4-6" }));
    expect(body.system).toBe("Be brief.");
    expect(body.messages).toStrictEqual([
      { role: "user", content: texts("user", 0, 2) },
      { role: "assistant", content: texts("assistant", 2, 4) },
      { role: "user", content: [...texts("user", 4, 6), { type: "text", text: question }] },
    ]);
  });

  it("sends stream: true for stream() and stream: false for call()", async () => {
    const Recipe = recipePrompt({ callParams: { model: "claude-sonnet-4-6" } });
    expect(await bodyOf(() => new Recipe({ ingredient: INGREDIENT }).stream())).toMatchObject({ stream: true });

    const before = server.requests.length;
    await new Recipe({ ingredient: INGREDIENT }).call({ maxTokens: 64 });
    expect(server.requests.length).toBe(before + 1);
    expect(server.requests[before]?.body).toStrictEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 64,
      messages: [USER_MESSAGE],
      stream: false,
    });
  });

  it("sends the key as the SDK 1.x does (Authorization: Bearer), with its anthropic-version header", async () => {
    const before = server.requests.length;
    const Recipe = recipePrompt();
    await new Recipe({ ingredient: INGREDIENT }).stream().text();
    const headers = server.requests[before]?.headers;
    expect(headers?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(headers?.["anthropic-version"]).toEqual(expect.any(String));
  });
});

describe("the model", () => {
  const ENV_MODEL = "claude-from-env";
  const modelOf = (body: Record<string, unknown>) => body.model;

  it("comes from the call, else the instance, else the definition, else ANTHROPIC_MODEL, else the default", async () => {
    vi.stubEnv(ANTHROPIC_MODEL_ENV, ENV_MODEL);
    const Defined = recipePrompt({ callParams: { model: "claude-definition" } });
    const Undefined = recipePrompt();
    const withInstance = new Defined({ ingredient: INGREDIENT }, { callParams: { model: "claude-instance" } });

    expect(modelOf(await bodyOf(() => withInstance.stream({ model: "claude-call" })))).toBe("claude-call");
    expect(modelOf(await bodyOf(() => withInstance.stream()))).toBe("claude-instance");
    expect(modelOf(await bodyOf(() => new Defined({ ingredient: INGREDIENT }).stream()))).toBe("claude-definition");
    expect(modelOf(await bodyOf(() => new Undefined({ ingredient: INGREDIENT }).stream()))).toBe(ENV_MODEL);

    vi.stubEnv(ANTHROPIC_MODEL_ENV, undefined);
    expect(modelOf(await bodyOf(() => new Undefined({ ingredient: INGREDIENT }).stream()))).toBe(
      ANTHROPIC_DEFAULT_MODEL,
    );
  });

  it("reads ANTHROPIC_MODEL at each call, for call() too", async () => {
    const Undefined = recipePrompt();
    const prompt = new Undefined({ ingredient: INGREDIENT });
    vi.stubEnv(ANTHROPIC_MODEL_ENV, ENV_MODEL);
    const before = server.requests.length;
    await prompt.call();
    vi.stubEnv(ANTHROPIC_MODEL_ENV, `${ENV_MODEL}-changed`);
    await prompt.call();
    expect(server.requests.slice(before).map((request) => (request.body as { model: string }).model)).toEqual([
      ENV_MODEL,
      `${ENV_MODEL}-changed`,
    ]);
  });
});

describe("the client", () => {
  let first: AnthropicMessagesServer;
  let second: AnthropicMessagesServer;
  beforeAll(async () => {
    [first, second] = await Promise.all([startAnthropicMessagesServer(answer), startAnthropicMessagesServer(answer)]);
  });
  afterAll(() => Promise.all([first.close(), second.close()]));

  /** The keys a server was sent, from the `Authorization: Bearer <key>` header the SDK sends. */
  const keysSeen = (target: AnthropicMessagesServer) =>
    target.requests.map((request) => String(request.headers.authorization).replace(/^Bearer /, ""));

  it("the call's client overrides the instance's, which overrides the definition's", async () => {
    class Recipe extends AnthropicPrompt({
      template: "Recommend recipes that use {ingredient} as an ingredient",
      client: clientOf(first, "sk-ant-test-definition"),
    }) {}
    const instanceClient = clientOf(second, "sk-ant-test-instance");
    const callClient = clientOf(first, "sk-ant-test-call");

    expect(await new Recipe({ ingredient: INGREDIENT }).stream().text()).toBe(STREAMED_TEXT);
    const withInstanceClient = new Recipe({ ingredient: INGREDIENT }, { client: instanceClient });
    await withInstanceClient.stream().text();
    await withInstanceClient.stream(undefined, { client: callClient }).text();
    await withInstanceClient.call(undefined, { client: callClient });
    await withInstanceClient.call();

    expect(keysSeen(first)).toEqual(["sk-ant-test-definition", "sk-ant-test-call", "sk-ant-test-call"]);
    expect(keysSeen(second)).toEqual(["sk-ant-test-instance", "sk-ant-test-instance"]);
  });

  it("accepts an Anthropic instance as the client", async () => {
    const instance = new Anthropic({ baseURL: second.baseURL, apiKey: "sk-ant-test-instance-of-sdk", maxRetries: 0 });
    const before = second.requests.length;
    class Recipe extends AnthropicPrompt({ template: "Recommend a recipe", client: instance }) {}
    expect(await new Recipe().stream().text()).toBe(STREAMED_TEXT);
    expect(second.requests.length).toBe(before + 1);
    expect(second.requests[before]?.headers.authorization).toBe("Bearer sk-ant-test-instance-of-sdk");
  });
});

describe("call()", () => {
  it("resolves a JSON Message to the neutral response, with the raw message beside it", async () => {
    const Recipe = recipePrompt();
    const response = await new Recipe({ ingredient: INGREDIENT }).call();
    const text = MESSAGE.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
    const thinking = MESSAGE.content.flatMap((block) => (block.type === "thinking" ? [block.thinking] : [])).join("");
    const { usage } = MESSAGE;
    const inputTokens = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;

    expect(response.content).toBe(text);
    expect(response.thinking).toBe(thinking);
    expect(response.content).not.toContain(thinking);
    expect(response.finishReason).toBe("stop");
    expect(response.rawFinishReason).toBe(MESSAGE.stop_reason);
    expect(response.stopSequence).toBe(MESSAGE.stop_sequence);
    expect(response.usage).toEqual({
      inputTokens,
      outputTokens: usage.output_tokens,
      totalTokens: inputTokens + usage.output_tokens,
      cachedInputTokens: usage.cache_read_input_tokens,
      reasoningTokens: usage.output_tokens_details.thinking_tokens,
    });
    expect(response.model).toBe(MESSAGE.model);
    expect(response.id).toBe(MESSAGE.id);
    expect(response.fallback).toBeUndefined();
    expect(response.message).toEqual({ role: "assistant", content: text });
    expect(response.anthropicMessage).toEqual(MESSAGE);
    expect(response.contentBlocks).toEqual(MESSAGE.content);
  });
});

describe("call() with a server-side fallback", () => {
  it("names the model that answered, from the message's fallback block", async () => {
    const fallbackBlock = { type: "fallback", from: { model: "claude-fable-5" }, to: { model: "claude-opus-4-8" } };
    const message = { ...MESSAGE, model: fallbackBlock.from.model, content: [fallbackBlock, ...MESSAGE.content] };
    const fallbackServer = await startAnthropicMessagesServer(() => ({ json: message }));
    try {
      class Recipe extends AnthropicPrompt({ template: "Recommend a recipe", client: clientOf(fallbackServer) }) {}
      const response = await new Recipe().call();
      expect(response.model).toBe(fallbackBlock.to.model);
      expect(response.fallback).toEqual({ from: fallbackBlock.from.model, to: fallbackBlock.to.model });
      expect(response.content).toBe(
        MESSAGE.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join(""),
      );
      expect(response.contentBlocks).toEqual(message.content);
    } finally {
      await fallbackServer.close();
    }
  });
});

describe("params and prompts Anthropic cannot take fail before anything is sent", () => {
  let silent: AnthropicMessagesServer;
  beforeEach(async () => {
    silent = await startAnthropicMessagesServer(answer);
  });
  afterEach(() => silent.close());

  function silentPrompt(callParams: AnthropicCallParams = {}) {
    return class Recipe extends AnthropicPrompt({
      template: "Recommend recipes that use {ingredient} as an ingredient",
      callParams,
      client: clientOf(silent),
    }) {};
  }

  function expectCallParamsError(error: unknown, code: CallParamsError["code"], param: string): void {
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ name: "CallParamsError", code, param });
    expect((error as CallParamsError).message).toContain(param);
  }

  // Each param with a usual value and an edge value that is valid for core (0 where 0 is), so
  // that a falsy value is refused too rather than dropped.
  it.each([
    ["temperature", { temperature: 0.5 }, { temperature: 0 }],
    ["topP", { topP: 0.9 }, { topP: 1 }],
    ["seed", { seed: 42 }, { seed: 0 }],
    ["presencePenalty", { presencePenalty: 0.5 }, { presencePenalty: 0 }],
    ["frequencyPenalty", { frequencyPenalty: -0.5 }, { frequencyPenalty: 0 }],
  ] as const)(
    "%s throws CallParamsError unsupported_param, from stream(), call() and the definition",
    async (param, params, edge) => {
      const Recipe = silentPrompt();
      const fromStream = thrownBy(() => new Recipe({ ingredient: INGREDIENT }).stream(params));
      expectCallParamsError(fromStream, "unsupported_param", param);
      expect(fromStream).toMatchObject({ provider: "anthropic" });

      expectCallParamsError(
        await rejectionOf(new Recipe({ ingredient: INGREDIENT }).call(params)),
        "unsupported_param",
        param,
      );

      const Defined = silentPrompt(params);
      expectCallParamsError(
        thrownBy(() => new Defined({ ingredient: INGREDIENT }).stream()),
        "unsupported_param",
        param,
      );
      expectCallParamsError(
        thrownBy(() => new Recipe({ ingredient: INGREDIENT }).stream(edge)),
        "unsupported_param",
        param,
      );

      expect(silent.requests).toHaveLength(0);
    },
  );

  it.each([-1, 1.5, 0])("maxTokens %s throws CallParamsError invalid_param", async (maxTokens) => {
    const Recipe = silentPrompt();
    expectCallParamsError(
      thrownBy(() => new Recipe({ ingredient: INGREDIENT }).stream({ maxTokens })),
      "invalid_param",
      "maxTokens",
    );
    expectCallParamsError(
      await rejectionOf(new Recipe({ ingredient: INGREDIENT }).call({ maxTokens })),
      "invalid_param",
      "maxTokens",
    );
    expect(silent.requests).toHaveLength(0);
  });

  it("a template with only SYSTEM: text is a ProviderError invalid_request that says what to add", async () => {
    class SystemOnly extends AnthropicPrompt({ template: "SYSTEM: You are a terse chef.", client: clientOf(silent) }) {}
    const expectNoUserMessage = (error: unknown) => {
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        code: "invalid_request",
        provider: "anthropic",
        retryable: false,
        status: undefined,
      });
      expect((error as ProviderError).message).toMatch(/user message/i);
      expect((error as ProviderError).message).toContain("USER:");
    };

    expectNoUserMessage(await rejectionOf(new SystemOnly().stream().text()));
    expectNoUserMessage(
      await rejectionOf(
        (async () => {
          for await (const _chunk of new SystemOnly().stream()) {
            // never reached
          }
        })(),
      ),
    );
    expectNoUserMessage(await rejectionOf(new SystemOnly().call()));
    expect(silent.requests).toHaveLength(0);
  });
});
