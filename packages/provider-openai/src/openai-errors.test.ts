/**
 * How failures reach the user: HTTP errors, errors in the middle of a stream, and connection
 * failures, each as a core `ProviderError`, with no API key anywhere in it. The servers are
 * loopback servers and the requests go through the real `openai` SDK.
 */

import { StreamInterruptedError } from "@promptstream/core";
import {
  asProviderError,
  closedLoopbackPort,
  createOpenAITextChunks,
  failureOfLoop,
  NO_SECRET_LEAK,
  type OpenAIChatServer,
  rejectionOf,
  secretLeaks,
  startOpenAIChatServer,
  trackServers,
} from "@promptstream/testing";
import type { ClientOptions } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAIPrompt } from "./index.js";

const SECRET_KEY = "sk-test-SECRET123456";

/** OpenAI's 401 body: it echoes the key masked, keeping its first and last characters. */
const OPENAI_401_MESSAGE =
  "Incorrect API key provided: sk-test-********3456. You can find your API key at https://platform.openai.com/account/api-keys.";

const serve = trackServers(afterEach, startOpenAIChatServer);

/** A prompt without retries, so that each test sees exactly one attempt. */
function promptFor(client: ClientOptions) {
  return class Ask extends OpenAIPrompt({ template: "Recommend a recipe with {ingredient}", client, maxRetries: 0 }) {};
}

/** A client for the loopback server (its own retries are always off: promptstream retries). */
function clientFor(server: OpenAIChatServer, options: Partial<ClientOptions> = {}): ClientOptions {
  return { baseURL: server.baseURL, apiKey: SECRET_KEY, maxRetries: 0, logLevel: "off", ...options };
}

function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

describe("HTTP errors", () => {
  it("a 401 is a ProviderError 'authentication' that keeps OpenAI's message and not the key", async () => {
    const server = await serve(() => ({
      status: 401,
      json: errorBody(OPENAI_401_MESSAGE, "invalid_request_error", "invalid_api_key"),
    }));
    const Ask = promptFor(clientFor(server));

    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({
      name: "AuthenticationError",
      code: "authentication",
      status: 401,
      provider: "openai",
      retryable: false,
      partialText: "",
    });
    expect(error.message).toContain("Incorrect API key provided");
    expect(error.message).toContain("You can find your API key at https://platform.openai.com/account/api-keys.");
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("a 401 reaches a for await loop before any chunk, and call() too", async () => {
    const server = await serve(() => ({
      status: 401,
      json: errorBody(OPENAI_401_MESSAGE, "invalid_request_error", "invalid_api_key"),
    }));
    const Ask = promptFor(clientFor(server));

    let chunks = 0;
    const fromLoop = asProviderError(
      await rejectionOf(
        (async () => {
          for await (const _chunk of new Ask({ ingredient: "apples" }).stream()) chunks += 1;
        })(),
      ),
    );
    expect(chunks).toBe(0);
    expect(fromLoop).toMatchObject({ code: "authentication", status: 401, provider: "openai", partialText: "" });
    expect(secretLeaks(fromLoop, SECRET_KEY)).toEqual(NO_SECRET_LEAK);

    const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(fromCall).toMatchObject({ code: "authentication", status: 401, provider: "openai" });
    expect(fromCall.message).toContain("Incorrect API key provided");
    expect(secretLeaks(fromCall, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
    expect(server.requests).toHaveLength(2);
  });

  it("a 401 from a server that echoes the whole key leaks it nowhere (message, String, JSON, inspect)", async () => {
    // Some OpenAI-compatible servers and proxies echo the key unmasked. The ProviderError's
    // message is redacted; nothing else the error carries (e.g. its `cause`) may hold the key.
    const server = await serve(() => ({
      status: 401,
      json: errorBody(`Invalid API key: ${SECRET_KEY}`, "invalid_request_error", "invalid_api_key"),
    }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error.code).toBe("authentication");
    expect(error.message).toContain("Invalid API key");
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it.each([
    {
      status: 400,
      code: "invalid_request",
      body: errorBody("Unrecognized request argument supplied: foo", "invalid_request_error", null),
    },
    {
      status: 403,
      code: "permission_denied",
      body: errorBody("Project does not have access to model gpt-5", "invalid_request_error", "model_not_found"),
    },
    {
      status: 404,
      code: "not_found",
      body: errorBody(
        "The model `gpt-9` does not exist or you do not have access to it.",
        "invalid_request_error",
        "model_not_found",
      ),
    },
    {
      status: 500,
      code: "server_error",
      body: errorBody("The server had an error while processing your request.", "server_error", null),
    },
    {
      status: 503,
      code: "overloaded",
      body: errorBody("The engine is currently overloaded, please try again later.", "server_error", null),
    },
  ] as const)("a $status is a ProviderError $code with OpenAI's message", async ({ status, code, body }) => {
    const server = await serve(() => ({ status, json: body }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({ code, status, provider: "openai", partialText: "" });
    expect(error.message).toContain(body.error.message);
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
    expect(server.requests).toHaveLength(1);

    const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(fromCall).toMatchObject({ code, status, provider: "openai" });
  });

  it("a 429 with retry-after: 2 is 'rate_limited', retryable, with retryAfterMs 2000", async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { "retry-after": "2" },
      json: errorBody(
        "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3.",
        "requests",
        "rate_limit_exceeded",
      ),
    }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({
      code: "rate_limited",
      status: 429,
      provider: "openai",
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(error.message).toContain("Rate limit reached for gpt-4o-mini");
    expect(server.requests).toHaveLength(1);
  });

  it("a 429 with retry-after-ms gives that wait", async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { "retry-after-ms": "1500", "retry-after": "2" },
      json: errorBody("Rate limit reached.", "requests", "rate_limit_exceeded"),
    }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(error).toMatchObject({ code: "rate_limited", retryAfterMs: 1500 });
  });

  it("with promptstream's default maxRetries (2), a 429 is tried 3 times, and the SDK's own retries stay off", async () => {
    // retry-after: 0 makes each retry start at once, keeping this test fast.
    const server = await serve(() => ({
      status: 429,
      headers: { "retry-after": "0" },
      json: errorBody("Rate limit reached.", "requests", "rate_limit_exceeded"),
    }));
    // The client asks the SDK for 5 retries: promptstream turns them off, so that its policy is the only one.
    class Ask extends OpenAIPrompt({
      template: "Recommend a recipe with {ingredient}",
      client: clientFor(server, { maxRetries: 5 }),
    }) {}
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({ name: "RateLimitError", code: "rate_limited", status: 429, retryAfterMs: 0 });
    expect(server.requests).toHaveLength(3);
  });
});

describe("errors in the middle of a stream", () => {
  const served = createOpenAITextChunks("Hello there, friend of apples");
  /** The role chunk and the first two pieces of text, as the server sends them before failing. */
  const before = served.slice(0, 3);
  const textBefore = (before as Array<{ choices: Array<{ delta: { content?: string } }> }>)
    .map((chunk) => chunk.choices[0]?.delta.content ?? "")
    .join("");

  it("a malformed JSON chunk makes the loop throw a ProviderError holding the text received before", async () => {
    expect(textBefore).not.toBe("");
    const server = await serve(() => ({
      chunks: [...before, '{"id":"chatcmpl-x","choices":[{"delta":{"content":"broken'],
    }));
    const Ask = promptFor(clientFor(server));
    const stream = new Ask({ ingredient: "apples" }).stream();
    const { error: thrown, received } = await failureOfLoop(stream);
    const error = asProviderError(thrown);
    expect(received).toBe(textBefore);
    expect(error.partialText).toBe(textBefore);
    expect(error).toMatchObject({ code: "stream_interrupted", provider: "openai" });
    expect(await rejectionOf(stream.response())).toBe(error);
    expect(await rejectionOf(stream.text())).toBe(error);
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it("an error event makes the loop throw a ProviderError with OpenAI's message and the text received before", async () => {
    const server = await serve(() => ({
      chunks: [...before, errorBody("The server had an error while processing your request.", "server_error", null)],
    }));
    const Ask = promptFor(clientFor(server));
    const stream = new Ask({ ingredient: "apples" }).stream();
    const { error: thrown, received } = await failureOfLoop(stream);
    const error = asProviderError(thrown);
    expect(received).toBe(textBefore);
    // Text has reached the consumer: resending would repeat it, so the error is not retryable.
    expect(error).toMatchObject({
      code: "server_error",
      provider: "openai",
      partialText: textBefore,
      retryable: false,
    });
    expect(error.message).toContain("The server had an error while processing your request.");
    expect(await rejectionOf(stream.text())).toBe(error);
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it("an invalid_request_error event is 'invalid_request'", async () => {
    const server = await serve(() => ({
      chunks: [
        ...before,
        errorBody(
          "Invalid prompt: flagged as potentially violating our usage policy.",
          "invalid_request_error",
          "invalid_prompt",
        ),
      ],
    }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({ code: "invalid_request", partialText: textBefore });
    expect(error.message).toContain("Invalid prompt: flagged");
  });

  it("a connection cut in the middle of the stream is a ProviderError for a broken stream, with the text received", async () => {
    // The loopback server destroys the socket right after its last write, which may drop that
    // write: the last piece is an empty delta, so that losing it changes no text.
    const emptyDelta = { ...before[0], choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: null }] };
    const server = await serve(() => ({
      chunks: [...before, emptyDelta],
      done: false,
      resetAtEnd: true,
      chunkDelayMs: 5,
    }));
    const Ask = promptFor(clientFor(server));
    const stream = new Ask({ ingredient: "apples" }).stream();
    const { error: thrown, received } = await failureOfLoop(stream);
    const error = asProviderError(thrown);
    expect(received).toBe(textBefore);
    expect(error.partialText).toBe(textBefore);
    expect(error.provider).toBe("openai");
    // Not "unknown": a cut stream is a known failure; not retryable, since text has reached the consumer.
    expect(["stream_interrupted", "connection"]).toContain(error.code);
    expect(error.retryable).toBe(false);
  });

  it("a stream that ends without a finish reason (no [DONE]) is a StreamInterruptedError keeping the text, not a whole answer", async () => {
    const server = await serve(() => ({ chunks: before, done: false }));
    const Ask = promptFor(clientFor(server));
    const stream = new Ask({ ingredient: "apples" }).stream();
    const { error, received } = await failureOfLoop(stream);
    expect(received).toBe(textBefore);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({
      code: "stream_interrupted",
      retryable: false,
      partialText: textBefore,
      provider: "openai",
    });
    expect(await rejectionOf(stream.response())).toBe(error);
  });
});

describe("connection failures", () => {
  it("a refused connection is a ProviderError 'connection', retryable, without the key", async () => {
    const port = await closedLoopbackPort();
    const Ask = promptFor({
      baseURL: `http://127.0.0.1:${port}/v1`,
      apiKey: SECRET_KEY,
      maxRetries: 0,
      logLevel: "off",
    });
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({
      code: "connection",
      provider: "openai",
      retryable: true,
      status: undefined,
      partialText: "",
    });
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);

    const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(fromCall).toMatchObject({ code: "connection", provider: "openai" });
    expect(secretLeaks(fromCall, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it("a request that exceeds the client's timeout is a ProviderError 'timeout'", async () => {
    const server = await serve(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { json: errorBody("answered too late", "server_error", null), status: 500 };
    });
    const Ask = promptFor(clientFor(server, { timeout: 30 }));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(error).toMatchObject({ code: "timeout", provider: "openai", retryable: true });
    expect(server.requests).toHaveLength(1);
  });
});
