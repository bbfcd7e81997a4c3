/**
 * Params Anthropic cannot honour, and prompts it cannot take, fail before anything is sent: checked
 * on a loopback server that records each request the real `@anthropic-ai/sdk` makes.
 */
import { CallParamsError, ProviderError } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  rejectionOf,
  startAnthropicMessagesServer,
  thrownBy,
} from "@promptstream/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answer, clientOf, INGREDIENT } from "./anthropic-request.test-support.js";
import { TESTED_SDK_LINE } from "./anthropic-sdk-line.test-support.js";
import { type AnthropicCallParams, AnthropicPrompt } from "./index.js";

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
  // that a falsy value is refused too rather than dropped. The sampling params only on SDK 1.x:
  // 0.x sends them (anthropic-sampling-params.test.ts).
  const sampling = [
    ["temperature", { temperature: 0.5 }, { temperature: 0 }],
    ["topP", { topP: 0.9 }, { topP: 1 }],
  ] as const;
  it.each([
    ...(TESTED_SDK_LINE === "1.x" ? sampling : []),
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
