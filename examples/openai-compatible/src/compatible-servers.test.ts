/**
 * The quirks of OpenAI-compatible servers, each played by a loopback server, reached through
 * the real `openai` SDK with the presets of compatible-servers.ts.
 */
import type { FinishReason } from "@promptstream/core";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import {
  asProviderError,
  createOpenAITextChunks,
  type RecordedRequest,
  rejectionOf,
  startOpenAIChatServer,
  trackServers,
} from "@promptstream/testing";
import { afterEach, describe, expect, it } from "vitest";
import { COMPATIBLE_BASE_URLS, compatibleServer, localServer } from "./compatible-servers.js";

const serve = trackServers(afterEach, startOpenAIChatServer);

const QUESTION = "Which apple keeps its shape in a pie?";
const ANSWER = "Granny Smith keeps its shape and its tartness.";
/** One piece per word, as the loopback chunk builder cuts text. */
const PIECES = ANSWER.match(/\s*\S+/g) ?? [];

class Ask extends OpenAIPrompt({ template: "{question}" }) {}

/** The JSON body the server received, as an object whose keys can be checked. */
function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  const body: unknown = request?.body;
  if (typeof body !== "object" || body === null) throw new Error("the request had no JSON body");
  return { ...body };
}

/** A whole, non-streamed Chat Completions answer. */
function completion(text: string, finishReason: string) {
  return {
    id: "chatcmpl-compatible",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "compatible-model",
    choices: [{ index: 0, message: { role: "assistant", content: text }, logprobs: null, finish_reason: finishReason }],
  };
}

describe("compatibleServer()", () => {
  it("sets a client with the baseURL and key, and only the switches the server's quirks need", () => {
    const baseURL = COMPATIBLE_BASE_URLS.vllm;
    expect(compatibleServer({ baseURL, apiKey: "key", model: "m" })).toEqual({
      client: { baseURL, apiKey: "key" },
      callParams: { model: "m" },
    });
    expect(compatibleServer({ baseURL, rejectsStreamOptions: true, onlyKnowsMaxTokens: true })).toEqual({
      client: { baseURL, apiKey: "not-needed" },
      callParams: { includeUsage: false, maxTokensField: "max_tokens" },
    });
    expect(localServer({ baseURL })).toEqual(
      compatibleServer({ baseURL, rejectsStreamOptions: true, onlyKnowsMaxTokens: true }),
    );
  });
});

describe("a server that answers HTTP 400 to stream_options and sends no usage (some vLLM and LM Studio versions)", () => {
  const SERVER_MESSAGE =
    "1 validation error for ChatCompletionRequest\nstream_options\n  Extra inputs are not permitted";
  const FINISH: { raw: string; neutral: FinishReason } = { raw: "length", neutral: "length" };

  function startServer() {
    return serve((request) => {
      const body = bodyOf(request);
      if ("stream_options" in body) {
        return {
          status: 400,
          json: { error: { message: SERVER_MESSAGE, type: "BadRequestError", param: "stream_options", code: 400 } },
        };
      }
      if (body.stream !== true) return { json: completion(ANSWER, FINISH.raw) };
      return { chunks: createOpenAITextChunks(ANSWER, { finishReason: FINISH.raw, usage: false }) };
    });
  }

  it("streams with includeUsage: false; usage is undefined, never made-up zeros, and the finish reason is the server's", async () => {
    const server = await startServer();
    class LocalAsk extends OpenAIPrompt({
      template: "{question}",
      ...compatibleServer({ baseURL: server.baseURL, rejectsStreamOptions: true }),
    }) {}

    const stream = new LocalAsk({ question: QUESTION }).stream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const response = await stream.response();

    expect(bodyOf(server.requests[0])).not.toHaveProperty("stream_options");
    expect(chunks.map((chunk) => chunk.content).join("")).toBe(ANSWER);
    expect(chunks.map((chunk) => chunk.usage)).toEqual(chunks.map(() => undefined));
    expect(chunks.flatMap((chunk) => chunk.finishReason ?? [])).toEqual([FINISH.neutral]);
    expect(response).toMatchObject({ content: ANSWER, finishReason: FINISH.neutral, rawFinishReason: FINISH.raw });
    expect(response.usage).toBeUndefined();
    expect(response.completion).not.toHaveProperty("usage");
  });

  it("without the switch, the stream rejects with a ProviderError 'invalid_request' carrying the server's message", async () => {
    const server = await startServer();
    const stream = new Ask(
      { question: QUESTION },
      { client: { baseURL: server.baseURL, apiKey: "not-needed" } },
    ).stream();

    const error = asProviderError(await rejectionOf(stream.text()));
    expect(bodyOf(server.requests[0]).stream_options).toEqual({ include_usage: true });
    expect(error).toMatchObject({
      code: "invalid_request",
      status: 400,
      retryable: false,
      provider: "openai",
      partialText: "",
    });
    expect(error.message).toContain(SERVER_MESSAGE);
  });

  it("call() sends no stream_options either way, so it needs no switch", async () => {
    const server = await startServer();
    const response = await new Ask(
      { question: QUESTION },
      { client: { baseURL: server.baseURL, apiKey: "not-needed" } },
    ).call();
    expect(bodyOf(server.requests[0])).not.toHaveProperty("stream_options");
    expect(response).toMatchObject({ content: ANSWER, finishReason: FINISH.neutral, usage: undefined });
  });
});

describe("a server that knows max_tokens only and answers HTTP 400 to max_completion_tokens", () => {
  const SERVER_MESSAGE = "Unrecognized request argument supplied: max_completion_tokens";
  const MAX_TOKENS = 64;

  function startServer() {
    return serve((request) => {
      const body = bodyOf(request);
      if ("max_completion_tokens" in body) {
        return {
          status: 400,
          json: { error: { message: SERVER_MESSAGE, type: "invalid_request_error", param: null, code: null } },
        };
      }
      if (body.stream !== true) return { json: completion(ANSWER, "stop") };
      return { chunks: createOpenAITextChunks(ANSWER) };
    });
  }

  it("maxTokensField: 'max_tokens' sends maxTokens as max_tokens, streamed and not", async () => {
    const server = await startServer();
    class OldAsk extends OpenAIPrompt({
      template: "{question}",
      ...compatibleServer({ baseURL: server.baseURL, onlyKnowsMaxTokens: true }),
    }) {}
    const prompt = new OldAsk({ question: QUESTION });

    expect(await prompt.stream({ maxTokens: MAX_TOKENS }).text()).toBe(ANSWER);
    expect((await prompt.call({ maxTokens: MAX_TOKENS + 1 })).content).toBe(ANSWER);

    const [streamed, called] = server.requests.map(bodyOf);
    expect(streamed).toMatchObject({ max_tokens: MAX_TOKENS, stream: true });
    expect(called).toMatchObject({ max_tokens: MAX_TOKENS + 1 });
    for (const body of [streamed, called]) expect(body).not.toHaveProperty("max_completion_tokens");
  });

  it("without the switch, maxTokens goes out as max_completion_tokens, refused with a ProviderError 'invalid_request'", async () => {
    const server = await startServer();
    const prompt = new Ask({ question: QUESTION }, { client: { baseURL: server.baseURL, apiKey: "not-needed" } });

    const error = asProviderError(await rejectionOf(prompt.stream({ maxTokens: MAX_TOKENS }).text()));
    expect(bodyOf(server.requests[0])).toMatchObject({ max_completion_tokens: MAX_TOKENS });
    expect(bodyOf(server.requests[0])).not.toHaveProperty("max_tokens");
    expect(error).toMatchObject({ code: "invalid_request", status: 400 });
    expect(error.message).toContain(SERVER_MESSAGE);
  });

  it("localServer() turns both switches on: neither stream_options nor max_completion_tokens is sent", async () => {
    const server = await startServer();
    class LocalAsk extends OpenAIPrompt({
      template: "{question}",
      ...localServer({ baseURL: server.baseURL, model: "local-model" }),
    }) {}

    expect(await new LocalAsk({ question: QUESTION }).stream({ maxTokens: MAX_TOKENS }).text()).toBe(ANSWER);
    const body = bodyOf(server.requests[0]);
    expect(body).toMatchObject({ model: "local-model", max_tokens: MAX_TOKENS });
    expect(body).not.toHaveProperty("stream_options");
    expect(body).not.toHaveProperty("max_completion_tokens");
  });
});

describe("error bodies of compatible servers", () => {
  const SERVER_MESSAGE = "This model's maximum context length is 2048 tokens.";

  it.each([
    {
      shape: "OpenAI's { error: { message } }",
      json: { error: { message: SERVER_MESSAGE, type: "invalid_request_error", param: null, code: null } },
    },
    { shape: "a bare string, { error: message }", json: { error: SERVER_MESSAGE } },
  ])("keeps the server's message from $shape", async ({ json }) => {
    const server = await serve(() => ({ status: 400, json }));
    const error = asProviderError(
      await rejectionOf(
        new Ask({ question: QUESTION }, { client: compatibleServer({ baseURL: server.baseURL }).client })
          .stream()
          .text(),
      ),
    );
    expect(error).toMatchObject({ code: "invalid_request", status: 400 });
    expect(error.message).toContain(SERVER_MESSAGE);
  });

  it("keeps the server's message from vLLM's top-level { object: 'error', message }", async () => {
    const server = await serve(() => ({
      status: 400,
      json: { object: "error", message: SERVER_MESSAGE, type: "BadRequestError", param: null, code: 400 },
    }));
    const error = asProviderError(
      await rejectionOf(
        new Ask({ question: QUESTION }, { client: compatibleServer({ baseURL: server.baseURL }).client })
          .stream()
          .text(),
      ),
    );
    expect(error).toMatchObject({ code: "invalid_request", status: 400 });
    expect(error.message).toContain(SERVER_MESSAGE);
  });
});

describe("chunks as some gateways send them", () => {
  /** A chunk without the fields named, e.g. a gateway's chunk with no `id` or `model`. */
  function without(chunk: object, ...fields: string[]): object {
    return Object.fromEntries(Object.entries(chunk).filter(([key]) => !fields.includes(key)));
  }

  /** The id or model a response should report: the first non-empty one the chunks carry. */
  function firstOf(chunks: readonly object[], field: "id" | "model"): string | undefined {
    for (const chunk of chunks) {
      const value: unknown = Object.entries(chunk).find(([key]) => key === field)?.[1];
      if (typeof value === "string" && value !== "") return value;
    }
    return undefined;
  }

  const USAGE = { prompt_tokens: 9, completion_tokens: PIECES.length };
  const textChunks = () =>
    createOpenAITextChunks(ANSWER, { id: "chatcmpl-gateway", model: "gateway-model", usage: USAGE });

  it.each([
    {
      case: "no chunk has an id or a model",
      chunks: () => textChunks().map((chunk) => without(chunk, "id", "model")),
    },
    {
      case: "a first chunk with an empty choices array and no id or model",
      chunks: () => [
        { object: "chat.completion.chunk", created: 0, choices: [], prompt_filter_results: [] },
        ...textChunks(),
      ],
    },
    {
      case: "the id and model arrive only after chunks without them",
      chunks: () => textChunks().map((chunk, index) => (index < 2 ? without(chunk, "id", "model") : chunk)),
    },
  ])("streams when $case", async ({ chunks: makeChunks }) => {
    const sent = makeChunks();
    const server = await serve(() => ({ chunks: sent }));
    const stream = new Ask(
      { question: QUESTION },
      { client: compatibleServer({ baseURL: server.baseURL }).client },
    ).stream();

    const received = [];
    for await (const chunk of stream) received.push(chunk);
    const response = await stream.response();

    expect(received).toHaveLength(sent.length);
    expect(received.map((chunk) => chunk.content).join("")).toBe(ANSWER);
    expect(response).toMatchObject({ content: ANSWER, finishReason: "stop" });
    expect(response.usage).toMatchObject({
      inputTokens: USAGE.prompt_tokens,
      outputTokens: USAGE.completion_tokens,
      totalTokens: USAGE.prompt_tokens + USAGE.completion_tokens,
    });
    // Absent ids and models are `undefined`, never "".
    expect(response.id).toBe(firstOf(sent, "id"));
    expect(response.model).toBe(firstOf(sent, "model"));
  });

  it("puts reasoning sent as delta.reasoning (not reasoning_content) in chunk.reasoning, never in content", async () => {
    const REASONING = ["Firm", " and", " tart", " wins."];
    const base = { id: "gen-1", object: "chat.completion.chunk", created: 0, model: "router/model" };
    const reasoningChunks = REASONING.map((reasoning) => ({
      ...base,
      choices: [{ index: 0, delta: { reasoning }, finish_reason: null }],
    }));
    const server = await serve(() => ({ chunks: [...reasoningChunks, ...createOpenAITextChunks(ANSWER)] }));
    const stream = new Ask(
      { question: QUESTION },
      { client: compatibleServer({ baseURL: server.baseURL }).client },
    ).stream();

    const received = [];
    for await (const chunk of stream) received.push(chunk);
    expect(received.map((chunk) => chunk.reasoning).join("")).toBe(REASONING.join(""));
    expect(received.map((chunk) => chunk.content).join("")).toBe(ANSWER);
    expect(await stream.text()).toBe(ANSWER);
  });
});
