/**
 * What the adapter sends, checked on a loopback server that records each request the real
 * `@anthropic-ai/sdk` makes: which model, and which client sends the request.
 */
import Anthropic from "@anthropic-ai/sdk";
import { type AnthropicMessagesServer, startAnthropicMessagesServer } from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  answer,
  bodyReceivedBy,
  clientOf,
  INGREDIENT,
  type RecipeDefinition,
  recipePromptFor,
  STREAMED_TEXT,
  type TestClient,
} from "./anthropic-request.test-support.js";
import { keySentWith } from "./anthropic-sdk-line.test-support.js";
import { ANTHROPIC_DEFAULT_MODEL, ANTHROPIC_MODEL_ENV, AnthropicPrompt } from "./index.js";

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

  /** The keys a server was sent, from the header the SDK sends them in (see TESTED_KEY_HEADER). */
  const keysSeen = (target: AnthropicMessagesServer) => target.requests.map((request) => keySentWith(request.headers));

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
    expect(keySentWith(second.requests[before]?.headers)).toBe("sk-ant-test-instance-of-sdk");
  });
});
