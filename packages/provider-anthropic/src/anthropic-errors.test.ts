/**
 * How failures reach the user: HTTP errors with Anthropic's error body, `event: error` in the
 * middle of a stream, cut connections and malformed events, each as a core `ProviderError`
 * with no API key anywhere in it. The servers are loopback servers and the requests go through
 * the real `@anthropic-ai/sdk`, with its retries off so that each test sees one attempt.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClientOptions } from "@anthropic-ai/sdk";
import type { ProviderErrorCode } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  asProviderError,
  closedLoopbackPort,
  createAnthropicTextEvents,
  failureOfLoop,
  NO_SECRET_LEAK,
  rejectionOf,
  secretLeaks,
  startAnthropicMessagesServer,
  trackServers,
} from "@promptstream/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keySentWith } from "./anthropic-sdk-line.test-support.js";
import { AnthropicPrompt } from "./index.js";

const SECRET_KEY = "sk-ant-test-SECRET-0123456789abcdef";

const serve = trackServers(afterEach, startAnthropicMessagesServer);
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A prompt without retries, so that each test sees exactly one attempt. */
function promptFor(client: ClientOptions) {
  return class Ask extends AnthropicPrompt({
    template: "Recommend a recipe with {ingredient}",
    client,
    maxRetries: 0,
  }) {};
}

/** A client for the loopback server (its own retries are always off: promptstream retries). */
function clientFor(server: AnthropicMessagesServer, options: Partial<ClientOptions> = {}): ClientOptions {
  return { baseURL: server.baseURL, apiKey: SECRET_KEY, maxRetries: 0, logLevel: "off", ...options };
}

/** Anthropic's error body: `{"type":"error","error":{"type":"...","message":"..."}}`. */
function errorBody(type: string, message: string) {
  return { type: "error", error: { type, message } };
}

/** The ProviderError subclass of each code. */
const NAMES: Record<ProviderErrorCode, string> = {
  authentication: "AuthenticationError",
  permission_denied: "PermissionDeniedError",
  invalid_request: "InvalidRequestError",
  not_found: "NotFoundError",
  rate_limited: "RateLimitError",
  server_error: "ServerError",
  overloaded: "OverloadedError",
  connection: "ConnectionError",
  timeout: "TimeoutError",
  stream_interrupted: "StreamInterruptedError",
  unknown: "ProviderError",
};

describe("HTTP errors", () => {
  it.each([
    {
      status: 400,
      type: "invalid_request_error",
      message: 'messages: roles must alternate between "user" and "assistant"',
      code: "invalid_request",
      retryable: false,
    },
    {
      status: 401,
      type: "authentication_error",
      message: "invalid x-api-key",
      code: "authentication",
      retryable: false,
    },
    {
      status: 403,
      type: "permission_error",
      message: "Your API key does not have permission to use the specified resource.",
      code: "permission_denied",
      retryable: false,
    },
    {
      status: 404,
      type: "not_found_error",
      message: "model: claude-nonexistent-9",
      code: "not_found",
      retryable: false,
    },
    { status: 500, type: "api_error", message: "Internal server error", code: "server_error", retryable: true },
    { status: 529, type: "overloaded_error", message: "Overloaded", code: "overloaded", retryable: true },
    // Anthropic's error type is more precise than the status: a gateway 504 says it timed out.
    { status: 504, type: "timeout_error", message: "Request timed out", code: "timeout", retryable: true },
    // A type this mapping does not know falls back on the status, even one named like an Object member.
    { status: 502, type: "constructor", message: "Bad gateway", code: "server_error", retryable: true },
  ] satisfies Array<{ status: number; type: string; message: string; code: ProviderErrorCode; retryable: boolean }>)(
    "a $status $type is a ProviderError $code that keeps Anthropic's message",
    async ({ status, type, message, code, retryable }) => {
      const server = await serve(() => ({ status, json: errorBody(type, message) }));
      const Ask = promptFor(clientFor(server));
      const expected = { name: NAMES[code], code, status, retryable, provider: "anthropic", partialText: "" };

      const fromText = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
      expect(fromText).toMatchObject(expected);
      expect(fromText.message).toContain(message);
      expect(secretLeaks(fromText, SECRET_KEY)).toEqual(NO_SECRET_LEAK);

      const { error: fromLoop, received } = await failureOfLoop(new Ask({ ingredient: "apples" }).stream());
      expect(received).toBe("");
      expect(asProviderError(fromLoop)).toMatchObject(expected);

      const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
      expect(fromCall).toMatchObject(expected);
      expect(fromCall.message).toContain(message);

      expect(server.requests).toHaveLength(3);
    },
  );

  it("a 429 rate_limit_error with retry-after: 7 is 'rate_limited', retryable, with retryAfterMs 7000", async () => {
    const retryAfterSeconds = 7;
    const message = "Number of request tokens has exceeded your per-minute rate limit";
    const server = await serve(() => ({
      status: 429,
      headers: { "retry-after": String(retryAfterSeconds) },
      json: errorBody("rate_limit_error", message),
    }));
    const Ask = promptFor(clientFor(server));
    const expected = {
      code: "rate_limited",
      status: 429,
      provider: "anthropic",
      retryable: true,
      retryAfterMs: retryAfterSeconds * 1000,
    };

    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject(expected);
    expect(error.message).toContain(message);
    expect(asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()))).toMatchObject(expected);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ["sk-ant-test-SECRET-0123456789abcdef", "a vendor-shaped key"],
    ["proxy-key-SECRET-0123456789abcdef", "a key of another shape"],
  ])("a 401 that echoes the whole key (%s: %s) leaks it nowhere: message, String, JSON, inspect", async (apiKey) => {
    const server = await serve(() => ({
      status: 401,
      json: errorBody("authentication_error", `invalid x-api-key: ${apiKey} is not a valid key`),
    }));
    const Ask = promptFor(clientFor(server, { apiKey }));

    const fromStream = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(fromStream).toMatchObject({ code: "authentication", status: 401, provider: "anthropic" });
    expect(fromStream.message).toContain("invalid x-api-key");
    expect(fromStream.message).toContain("is not a valid key");
    expect(secretLeaks(fromStream, apiKey)).toEqual(NO_SECRET_LEAK);

    const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(fromCall.code).toBe("authentication");
    expect(secretLeaks(fromCall, apiKey)).toEqual(NO_SECRET_LEAK);
    // The key did go to the server: it is the error that must not carry it.
    expect(keySentWith(server.requests[0]?.headers)).toBe(apiKey);
  });
});

describe("errors in the middle of a stream", () => {
  const served = createAnthropicTextEvents("Hello there, friend of apples");
  /** message_start, the text block's start, a ping and the first two pieces of text. */
  const before = served.slice(0, 5);
  const textBefore = (before as Array<{ type: string; delta?: { type: string; text?: string } }>)
    .map((event) =>
      event.type === "content_block_delta" && event.delta?.type === "text_delta" ? (event.delta.text ?? "") : "",
    )
    .join("");

  it("the events sent before each failure hold some text", () => {
    expect(textBefore).not.toBe("");
  });

  it.each([
    // Transient errors, but after text reached the consumer: resending would repeat it.
    { type: "overloaded_error", message: "Overloaded", code: "overloaded", retryable: false },
    { type: "api_error", message: "Internal server error", code: "server_error", retryable: false },
    {
      type: "invalid_request_error",
      message: "Output blocked by content filtering policy",
      code: "invalid_request",
      retryable: false,
    },
  ] satisfies Array<{ type: string; message: string; code: ProviderErrorCode; retryable: boolean }>)(
    "an event: error with $type makes the loop throw ProviderError $code with the text received; text() and response() reject the same",
    async ({ type, message, code, retryable }) => {
      const server = await serve(() => ({ events: [...before, errorBody(type, message), ...served.slice(5)] }));
      const Ask = promptFor(clientFor(server));
      const stream = new Ask({ ingredient: "apples" }).stream();

      const { error, received } = await failureOfLoop(stream);
      expect(received).toBe(textBefore);
      const failure = asProviderError(error);
      expect(failure).toMatchObject({
        code,
        provider: "anthropic",
        partialText: textBefore,
        retryable,
        status: undefined,
      });
      expect(failure.message).toContain(message);
      expect(await rejectionOf(stream.text())).toBe(failure);
      expect(await rejectionOf(stream.response())).toBe(failure);
      expect(secretLeaks(failure, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
    },
  );

  it("text() alone rejects with the same failure and partialText, without an unhandled rejection", async () => {
    const server = await serve(() => ({ events: [...before, errorBody("overloaded_error", "Overloaded")] }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({ code: "overloaded", partialText: textBefore });
  });

  it("an error event that echoes the key leaks it nowhere", async () => {
    const server = await serve(() => ({
      events: [...before, errorBody("api_error", `internal error while serving key ${SECRET_KEY}`)],
    }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(error).toMatchObject({ code: "server_error", partialText: textBefore });
    expect(error.message).toContain("internal error while serving key");
    expect(secretLeaks(error, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it("a connection reset in the middle of the stream is 'stream_interrupted', not retryable after text, with the text received", async () => {
    // The server destroys the socket right after its last write, which may drop that write: the
    // last event is a ping, which the SDK skips, so that losing it changes no text.
    const server = await serve(() => ({ events: [...before, { type: "ping" }], resetAtEnd: true, eventDelayMs: 5 }));
    const Ask = promptFor(clientFor(server));
    const stream = new Ask({ ingredient: "apples" }).stream();

    const { error, received } = await failureOfLoop(stream);
    expect(received).toBe(textBefore);
    const failure = asProviderError(error);
    expect(failure).toMatchObject({
      code: "stream_interrupted",
      provider: "anthropic",
      partialText: textBefore,
      retryable: false,
    });
    expect(await rejectionOf(stream.response())).toBe(failure);
    expect(await rejectionOf(stream.text())).toBe(failure);
    expect(secretLeaks(failure, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it("a malformed JSON event makes the loop throw a ProviderError holding the text received before", async () => {
    const malformed =
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"bro\n\n';
    const server = await serve(() => ({ events: [...before, malformed, ...served.slice(5)] }));
    const Ask = promptFor(clientFor(server));
    const stream = new Ask({ ingredient: "apples" }).stream();

    const { error, received } = await failureOfLoop(stream);
    expect(received).toBe(textBefore);
    const failure = asProviderError(error);
    expect(failure).toMatchObject({ code: "stream_interrupted", provider: "anthropic", partialText: textBefore });
    expect(failure.message).toMatch(/JSON/);
    expect(await rejectionOf(stream.text())).toBe(failure);
    expect(secretLeaks(failure, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });
});

describe("calls the SDK refuses to send", () => {
  it("a non-streamed call() with a maxTokens too large to finish in time is 'invalid_request', pointing to stream()", async () => {
    const server = await serve(() => ({ events: [] }));
    const Ask = promptFor(clientFor(server));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call({ maxTokens: 64_000 })));
    expect(error).toMatchObject({ code: "invalid_request", retryable: false, provider: "anthropic" });
    expect(error.message).toContain("stream()");
    expect(server.requests).toHaveLength(0);
  });
});

describe("connection failures", () => {
  it("a refused connection is a ProviderError 'connection', retryable, without the key", async () => {
    const port = await closedLoopbackPort();
    const Ask = promptFor({ baseURL: `http://127.0.0.1:${port}`, apiKey: SECRET_KEY, maxRetries: 0, logLevel: "off" });
    const expected = { code: "connection", provider: "anthropic", retryable: true, status: undefined, partialText: "" };

    const fromStream = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
    expect(fromStream).toMatchObject(expected);
    expect(secretLeaks(fromStream, SECRET_KEY)).toEqual(NO_SECRET_LEAK);

    const { error: fromLoop } = await failureOfLoop(new Ask({ ingredient: "apples" }).stream());
    expect(asProviderError(fromLoop)).toMatchObject(expected);

    const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(fromCall).toMatchObject(expected);
    expect(secretLeaks(fromCall, SECRET_KEY)).toEqual(NO_SECRET_LEAK);
  });

  it("a request that exceeds the client's timeout is a ProviderError 'timeout'", async () => {
    const server = await serve(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { status: 500, json: errorBody("api_error", "answered too late") };
    });
    const Ask = promptFor(clientFor(server, { timeout: 30 }));
    const error = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
    expect(error).toMatchObject({ code: "timeout", provider: "anthropic", retryable: true });
    expect(server.requests).toHaveLength(1);
  });
});

describe("no API key", () => {
  /** Hides every credential the SDK could find (environment, profiles, config files) for one test. */
  function withoutCredentials(): () => void {
    for (const name of [
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_AUTH_TOKEN",
      "ANTHROPIC_PROFILE",
      "ANTHROPIC_IDENTITY_TOKEN",
      "ANTHROPIC_IDENTITY_TOKEN_FILE",
      "ANTHROPIC_FEDERATION_RULE_ID",
    ]) {
      vi.stubEnv(name, undefined);
    }
    const emptyConfigDir = mkdtempSync(join(tmpdir(), "promptstream-no-credentials-"));
    vi.stubEnv("ANTHROPIC_CONFIG_DIR", emptyConfigDir);
    return () => rmSync(emptyConfigDir, { recursive: true, force: true });
  }

  async function failuresWithoutKey() {
    const cleanUp = withoutCredentials();
    try {
      const server = await serve(() => ({ events: createAnthropicTextEvents("never sent") }));
      const Ask = promptFor({ baseURL: server.baseURL, maxRetries: 0, logLevel: "off" });
      const fromStream = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).stream().text()));
      const fromCall = asProviderError(await rejectionOf(new Ask({ ingredient: "apples" }).call()));
      return { fromStream, fromCall, requests: server.requests.length };
    } finally {
      cleanUp();
    }
  }

  it("sends nothing and rejects with a ProviderError from anthropic", async () => {
    const { fromStream, fromCall, requests } = await failuresWithoutKey();
    expect(requests).toBe(0);
    expect(fromStream).toMatchObject({ provider: "anthropic", retryable: false, partialText: "" });
    expect(fromCall).toMatchObject({ provider: "anthropic", retryable: false });
  });

  it("is a ProviderError 'authentication' that says to set ANTHROPIC_API_KEY or pass a client", async () => {
    const { fromStream, fromCall } = await failuresWithoutKey();
    for (const error of [fromStream, fromCall]) {
      expect(error).toMatchObject({ code: "authentication", provider: "anthropic", retryable: false });
      expect(error.message).toContain("ANTHROPIC_API_KEY");
    }
  });
});
