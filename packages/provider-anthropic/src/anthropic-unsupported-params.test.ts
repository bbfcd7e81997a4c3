import { CallParamsError } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  createAnthropicTextEvents,
  rejectionOf,
  startAnthropicMessagesServer,
  thrownBy,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TESTED_SDK_LINE } from "./anthropic-sdk-line.test-support.js";
import { AnthropicPrompt } from "./index.js";

let server: AnthropicMessagesServer;

beforeAll(async () => {
  server = await startAnthropicMessagesServer(() => ({ events: createAnthropicTextEvents("Bonjour.") }));
});
afterAll(() => server.close());

/**
 * Two neutral params the tested SDK line cannot send, with the request fields they would be: the
 * sampling params on 1.x, whose API version lacks them; on 0.x (which sends those) seed and a penalty.
 */
const [first, second] =
  TESTED_SDK_LINE === "1.x"
    ? ([
        { param: "temperature", value: 0.7, field: "temperature" },
        { param: "topP", value: 0.9, field: "top_p" },
      ] as const)
    : ([
        { param: "seed", value: 7, field: "seed" },
        { param: "presencePenalty", value: 0.5, field: "presence_penalty" },
      ] as const);

/** A prompt a chat app shares across providers: it sets two params the tested line of Anthropic's SDK cannot send. */
function sharedChat(options: { unsupportedParams?: "error" | "warn" | "drop"; warnings?: string[] } = {}) {
  const { warnings = [], ...policy } = options;
  class SharedChat extends AnthropicPrompt({
    template: "USER: {question}",
    callParams: { [first.param]: first.value, [second.param]: second.value, maxTokens: 100 },
    client: { baseURL: server.baseURL, apiKey: "sk-ant-test" },
    logger: { warn: (message) => warnings.push(message) },
    ...policy,
  }) {}
  return SharedChat;
}

describe(`params Anthropic's SDK ${TESTED_SDK_LINE} cannot send (${first.param}, ${second.param})`, () => {
  it("are refused before sending by default, with a CallParamsError that names the policy", async () => {
    const before = server.requests.length;
    const SharedChat = sharedChat();
    const error = thrownBy(() => new SharedChat({ question: "hi" }).stream());
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param: first.param, provider: "anthropic" });
    expect((error as Error).message).toContain('unsupportedParams: "warn"');
    expect(await rejectionOf(new SharedChat({ question: "hi" }).call())).toBeInstanceOf(CallParamsError);
    expect(server.requests.length).toBe(before);
  });

  it('with unsupportedParams: "warn", are left out of the request, with one warning each for the prompt class', async () => {
    const warnings: string[] = [];
    const SharedChat = sharedChat({ unsupportedParams: "warn", warnings });
    const before = server.requests.length;
    expect(await new SharedChat({ question: "hi" }).stream().text()).toBe("Bonjour.");
    expect(await new SharedChat({ question: "again" }).stream().text()).toBe("Bonjour.");
    const bodies = server.requests.slice(before).map((request) => request.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body).not.toHaveProperty(first.field);
      expect(body).not.toHaveProperty(second.field);
      expect(body.max_tokens).toBe(100);
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      new RegExp(`^\\[promptstream\\] SharedChat: dropped \`${first.param}\` from the request`),
    );
    expect(warnings[1]).toMatch(
      new RegExp(`^\\[promptstream\\] SharedChat: dropped \`${second.param}\` from the request`),
    );
  });

  it('with unsupportedParams: "drop" given to one call only, are left out of that call without a warning', async () => {
    const warnings: string[] = [];
    const SharedChat = sharedChat({ warnings });
    const before = server.requests.length;
    const stream = new SharedChat({ question: "hi" }).stream(undefined, { unsupportedParams: "drop" });
    expect(await stream.text()).toBe("Bonjour.");
    expect(server.requests[before]?.body).not.toHaveProperty(first.field);
    expect(warnings).toEqual([]);
  });
});
