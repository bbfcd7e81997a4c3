import { NotFoundError } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  createAnthropicTextEvents,
  rejectionOf,
  startAnthropicMessagesServer,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnthropicPrompt } from "./index.js";

let server: AnthropicMessagesServer;

beforeAll(async () => {
  // Like Anthropic's API: the Messages endpoint at /v1/messages, a 404 error body anywhere else.
  server = await startAnthropicMessagesServer((request) =>
    request.path === "/v1/messages"
      ? { events: createAnthropicTextEvents("Hello there.") }
      : { status: 404, json: { type: "error", error: { type: "not_found_error", message: "Not Found" } } },
  );
});
afterAll(() => server.close());

function ask(baseURL: string) {
  class Ask extends AnthropicPrompt({
    template: "Say hi",
    client: { baseURL, apiKey: "sk-ant-test" },
    maxRetries: 0,
  }) {}
  return new Ask();
}

describe("the client's baseURL", () => {
  it("works without /v1, as the Anthropic SDK expects it", async () => {
    expect(await ask(server.baseURL).stream().text()).toBe("Hello there.");
  });

  it("with OpenAI's /v1 suffix: a NotFoundError that says the request doubled /v1 and gives the URL to use", async () => {
    const error = await rejectionOf(ask(`${server.baseURL}/v1/`).stream().text());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests.at(-1)?.path).toBe("/v1/v1/messages");
    expect((error as Error).message).toBe(
      `Anthropic: Not Found (not_found_error) The base URL ${server.baseURL}/v1 ends with /v1, which the Anthropic ` +
        `SDK adds itself, so the request went to ${server.baseURL}/v1/v1/messages; use baseURL: "${server.baseURL}" ` +
        "(OpenAI's base URL, by contrast, includes /v1).",
    );
  });

  it("says the same for call()", async () => {
    const error = await rejectionOf(ask(`${server.baseURL}/v1`).call());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`use baseURL: "${server.baseURL}"`);
  });

  it("adds nothing to a 404 when the base URL has the right shape (e.g. an unknown model)", async () => {
    const other = await startAnthropicMessagesServer(() => ({
      status: 404,
      json: { type: "error", error: { type: "not_found_error", message: "model: claude-nope" } },
    }));
    try {
      const error = await rejectionOf(ask(other.baseURL).stream().text());
      expect((error as Error).message).toBe("Anthropic: model: claude-nope (not_found_error)");
    } finally {
      await other.close();
    }
  });
});
