import { NotFoundError } from "@promptstream/core";
import {
  createOpenAITextChunks,
  type OpenAIChatServer,
  rejectionOf,
  startOpenAIChatServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIPrompt } from "./index.js";
import { OpenAIResponsesPrompt } from "./responses/index.js";

let server: OpenAIChatServer;

beforeAll(async () => {
  // Like OpenAI's API: chat completions at /v1/chat/completions, its 404 error body anywhere else.
  server = await startOpenAIChatServer((request) =>
    request.path === "/v1/chat/completions"
      ? { chunks: createOpenAITextChunks("Hello there.") }
      : {
          status: 404,
          json: {
            error: { message: `Invalid URL (POST ${request.path})`, type: "invalid_request_error", code: null },
          },
        },
  );
});
afterAll(() => server.close());

function ask(baseURL: string) {
  class Ask extends OpenAIPrompt({ template: "Say hi", client: { baseURL, apiKey: "sk-test-key" }, maxRetries: 0 }) {}
  return new Ask();
}

describe("the client's baseURL", () => {
  it("works with /v1, as the OpenAI SDK expects it", async () => {
    expect(await ask(server.baseURL).stream().text()).toBe("Hello there.");
  });

  it("with Anthropic's shape (no path): a NotFoundError that says where the request went and the URL to use", async () => {
    const error = await rejectionOf(ask(server.url).stream().text());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests.at(-1)?.path).toBe("/chat/completions");
    expect((error as Error).message).toBe(
      `OpenAI: 404 Invalid URL (POST /chat/completions) The base URL ${server.url} has no path, so the request went ` +
        `to ${server.url}/chat/completions; the OpenAI SDK wants the API's root with its version, e.g. ` +
        `baseURL: "${server.url}/v1" (Anthropic's base URL, by contrast, has no /v1).`,
    );
  });

  it("says the same for call()", async () => {
    const error = await rejectionOf(ask(`${server.url}/`).call());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`e.g. baseURL: "${server.url}/v1"`);
  });

  it("adds nothing to a 404 when the base URL has a path (e.g. an unknown model)", async () => {
    const other = await startOpenAIChatServer(() => ({
      status: 404,
      json: { error: { message: "The model `gpt-nope` does not exist", type: "invalid_request_error", code: null } },
    }));
    try {
      const error = await rejectionOf(ask(other.baseURL).stream().text());
      expect((error as Error).message).toBe("OpenAI: 404 The model `gpt-nope` does not exist");
    } finally {
      await other.close();
    }
  });
});

describe("the client's baseURL, on the Responses API", () => {
  it("with no path: the NotFoundError names the Responses endpoint the request went to", async () => {
    class Ask extends OpenAIResponsesPrompt({
      template: "Say hi",
      client: { baseURL: server.url, apiKey: "sk-test-key" },
      maxRetries: 0,
    }) {}
    const error = await rejectionOf(new Ask().stream().text());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests.at(-1)?.path).toBe("/responses");
    expect((error as Error).message).toContain(`so the request went to ${server.url}/responses;`);
    expect((error as Error).message).toContain(`e.g. baseURL: "${server.url}/v1"`);
  });
});
