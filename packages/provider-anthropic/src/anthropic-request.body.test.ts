/**
 * What the adapter sends, checked on a loopback server that records each request the real
 * `@anthropic-ai/sdk` makes: the request body (only what the user set plus what the Messages API
 * demands), and the headers that carry the key.
 */
import { type AssistantMessage, type SystemMessage, textOfContent, type UserMessage } from "@promptstream/core";
import { type AnthropicMessagesServer, startAnthropicMessagesServer } from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  API_KEY,
  answer,
  bodyReceivedBy,
  clientOf,
  INGREDIENT,
  type RecipeDefinition,
  recipePromptFor,
  type TestClient,
  USER_MESSAGE,
} from "./anthropic-request.test-support.js";
import { TESTED_API_VERSION, TESTED_KEY_HEADER, TESTED_SDK_LINE } from "./anthropic-sdk-line.test-support.js";
import {
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  ANTHROPIC_DEFAULT_MODEL,
  ANTHROPIC_MODEL_ENV,
  AnthropicPrompt,
} from "./index.js";

/** The messages these histories hold: text only (tool calls and results are in anthropic-tools.history.test.ts). */
type TextMessage = SystemMessage | (UserMessage & { readonly content: string }) | AssistantMessage;

let server: AnthropicMessagesServer;
let client: TestClient;

beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
  client = clientOf(server);
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

const recipePrompt = (definition?: RecipeDefinition) => recipePromptFor(client, definition);
const bodyOf = (send: () => { text(): Promise<string> }) => bodyReceivedBy(server, send);

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
    const history: TextMessage[] = [
      { role: "user", content: "I have apples." },
      { role: "assistant", content: "Bake them." },
      { role: "system", content: "Keep every answer under fifty words." },
    ];
    const question = "Something quicker?";
    const chef = new Chef({ language: "French", history, question });
    const rendered = chef.messages();
    const systemTexts = rendered
      .filter((message) => message.role === "system")
      .map((message) => textOfContent(message.content));
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
    const history: TextMessage[] = [
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
        .map((message) => ({ type: "text", text: textOfContent(message.content) }));

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

  it(`sends the key as the SDK ${TESTED_SDK_LINE} does (${TESTED_KEY_HEADER.name}), with its anthropic-version header (${TESTED_API_VERSION})`, async () => {
    const before = server.requests.length;
    const Recipe = recipePrompt();
    await new Recipe({ ingredient: INGREDIENT }).stream().text();
    const headers = server.requests[before]?.headers;
    expect(headers?.[TESTED_KEY_HEADER.name]).toBe(TESTED_KEY_HEADER.value(API_KEY));
    expect(headers?.["anthropic-version"]).toBe(TESTED_API_VERSION);
  });
});
