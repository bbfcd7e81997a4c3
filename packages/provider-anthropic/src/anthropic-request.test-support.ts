/**
 * What the request tests (anthropic-request.*.test.ts) share: the answers their loopback server
 * gives, the client options that reach it, the recipe prompt most of them send, and how they read
 * the body the server received. Only those tests import this module.
 */
import {
  type AnthropicMessagesScript,
  type AnthropicMessagesServer,
  createAnthropicTextEvents,
  type RecordedRequest,
} from "@promptstream/testing";
import { expect } from "vitest";
import { z } from "zod";
import { type AnthropicCallParams, AnthropicPrompt } from "./index.js";

export const API_KEY = "sk-ant-test-request-suite-0001";
export const STREAMED_TEXT = "Apple pie, then apple crumble.";

/** A whole Messages API answer, as `call()` receives it: thinking, two text blocks, a stop sequence, cached input. */
export const MESSAGE = {
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
export function answer(request: RecordedRequest): AnthropicMessagesScript {
  const body = request.body as { stream?: boolean };
  return body.stream === true ? { events: createAnthropicTextEvents(STREAMED_TEXT) } : { json: MESSAGE };
}

/** The client options that reach `server`: its URL and a key, with the SDK's retries and logs off. */
export function clientOf(server: AnthropicMessagesServer, apiKey = API_KEY) {
  return { baseURL: server.baseURL, apiKey, maxRetries: 0, logLevel: "off" } as const;
}

/** The client options {@link clientOf} gives. */
export type TestClient = ReturnType<typeof clientOf>;

export const INGREDIENT = "apples";
const USER_TEXT = `Recommend recipes that use ${INGREDIENT} as an ingredient`;
export const USER_MESSAGE = { role: "user", content: USER_TEXT };

/** What a test may set in the recipe prompt's definition. */
export interface RecipeDefinition {
  callParams?: AnthropicCallParams;
}

/** The recipe prompt, sent through `client`. */
export function recipePromptFor(client: TestClient, definition: RecipeDefinition = {}) {
  return class RecipeRecommender extends AnthropicPrompt({
    template: "Recommend recipes that use {ingredient} as an ingredient",
    variables: z.object({ ingredient: z.string() }),
    client,
    ...definition,
  }) {};
}

/** Sends a stream to the end and returns the body `server` received for it. */
export async function bodyReceivedBy(
  server: AnthropicMessagesServer,
  send: () => { text(): Promise<string> },
): Promise<Record<string, unknown>> {
  const before = server.requests.length;
  expect(await send().text()).toBe(STREAMED_TEXT);
  expect(server.requests.length).toBe(before + 1);
  const request = server.requests[before] as RecordedRequest;
  expect(request.method).toBe("POST");
  expect(request.path).toBe("/v1/messages");
  return request.body as Record<string, unknown>;
}
