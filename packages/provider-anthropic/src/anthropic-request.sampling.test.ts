/**
 * The sampling params, which the two lines of `@anthropic-ai/sdk` treat differently: 0.x speaks
 * the API version `2023-06-01`, which takes `temperature`, `top_p` and `top_k` (deprecated, for
 * older models), so they are sent; 1.x speaks `2026-10-21`, which has none, so they are refused
 * before anything is sent. Checked on the body and headers a loopback server received from the
 * real SDK; this file runs against both lines (see anthropic-sdk-line.test-support.ts).
 */
import type { MessageCreateParamsBase } from "@anthropic-ai/sdk/resources/messages/messages";
import { VERSION } from "@anthropic-ai/sdk/version";
import { CallParamsError } from "@promptstream/core";
import {
  type AnthropicMessagesServer,
  rejectionOf,
  startAnthropicMessagesServer,
  thrownBy,
} from "@promptstream/testing";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  answer,
  bodyReceivedBy,
  clientOf,
  INGREDIENT,
  MESSAGE,
  recipePromptFor,
} from "./anthropic-request.test-support.js";
import { TESTED_API_VERSION, TESTED_SDK_LINE } from "./anthropic-sdk-line.test-support.js";
import type { AnthropicCallParams, AnthropicNativeParams } from "./index.js";

let server: AnthropicMessagesServer;

beforeAll(async () => {
  server = await startAnthropicMessagesServer(answer);
});
afterAll(() => server.close());

/** `top_k`, Anthropic's own param: in the 0.x SDK's request types only, so set through a cast that compiles on both. */
const withTopK = (topK: number, params: AnthropicCallParams = {}) =>
  ({ ...params, top_k: topK }) as Record<string, unknown> as AnthropicCallParams;

it(`runs against @anthropic-ai/sdk ${TESTED_SDK_LINE}, which sends anthropic-version ${TESTED_API_VERSION}`, async () => {
  expect(VERSION.split(".")[0]).toBe(TESTED_SDK_LINE === "0.x" ? "0" : "1");
  const Recipe = recipePromptFor(clientOf(server));
  const before = server.requests.length;
  await new Recipe({ ingredient: INGREDIENT }).stream().text();
  expect(server.requests[before]?.headers["anthropic-version"]).toBe(TESTED_API_VERSION);
});

it("types follow the installed SDK: top_k is a param where its request has one; temperature and top_p go by their neutral names only", () => {
  // Checked by tsc against each line: tsconfig.json (1.x) and tsconfig.sdk-0x.json (0.x).
  type HasTopK<T> = "top_k" extends keyof T ? true : false;
  expectTypeOf<HasTopK<AnthropicCallParams>>().toEqualTypeOf<HasTopK<MessageCreateParamsBase>>();
  expectTypeOf<Extract<keyof AnthropicNativeParams, "temperature" | "top_p">>().toEqualTypeOf<never>();
  expectTypeOf<AnthropicCallParams["temperature"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<AnthropicCallParams["topP"]>().toEqualTypeOf<number | undefined>();
});

describe.runIf(TESTED_SDK_LINE === "0.x")("on @anthropic-ai/sdk 0.x, sampling params are sent", () => {
  it("temperature and topP as temperature and top_p, from the call, the instance or the definition", async () => {
    const Recipe = recipePromptFor(clientOf(server));
    expect(
      await bodyReceivedBy(server, () =>
        new Recipe({ ingredient: INGREDIENT }).stream({ temperature: 0.3, topP: 0.8 }),
      ),
    ).toMatchObject({ temperature: 0.3, top_p: 0.8 });

    const Defined = recipePromptFor(clientOf(server), { callParams: { temperature: 0.9, topP: 0.5 } });
    const body = await bodyReceivedBy(server, () =>
      new Defined({ ingredient: INGREDIENT }, { callParams: { topP: 0.7 } }).stream(),
    );
    expect(body).toMatchObject({ temperature: 0.9, top_p: 0.7 });
    expect(body).not.toHaveProperty("topP");
  });

  it("a falsy value too (temperature 0), and nothing when none is set", async () => {
    const Recipe = recipePromptFor(clientOf(server));
    expect(
      await bodyReceivedBy(server, () => new Recipe({ ingredient: INGREDIENT }).stream({ temperature: 0 })),
    ).toMatchObject({ temperature: 0 });
    const plain = await bodyReceivedBy(server, () => new Recipe({ ingredient: INGREDIENT }).stream());
    expect(plain).not.toHaveProperty("temperature");
    expect(plain).not.toHaveProperty("top_p");
    expect(plain).not.toHaveProperty("top_k");
  });

  it("Anthropic's own top_k, beside the neutral ones, by stream() and call() alike", async () => {
    const Recipe = recipePromptFor(clientOf(server));
    const params = withTopK(40, { temperature: 0.2 });
    expect(await bodyReceivedBy(server, () => new Recipe({ ingredient: INGREDIENT }).stream(params))).toMatchObject({
      temperature: 0.2,
      top_k: 40,
      stream: true,
    });
    const before = server.requests.length;
    expect((await new Recipe({ ingredient: INGREDIENT }).call(params)).id).toBe(MESSAGE.id);
    expect(server.requests[before]?.body).toMatchObject({ temperature: 0.2, top_k: 40, stream: false });
  });

  it('are not dropped under unsupportedParams: "warn": they are supported here', async () => {
    const warnings: string[] = [];
    class Shared extends recipePromptFor(clientOf(server), { callParams: { temperature: 0.4, topP: 0.6 } }) {}
    const body = await bodyReceivedBy(server, () =>
      new Shared(
        { ingredient: INGREDIENT },
        { unsupportedParams: "warn", logger: { warn: (m) => warnings.push(m) } },
      ).stream(),
    );
    expect(body).toMatchObject({ temperature: 0.4, top_p: 0.6 });
    expect(warnings).toEqual([]);
  });

  it("temperature above 1 (Anthropic's range is 0 to 1) is a CallParamsError invalid_param, before sending", async () => {
    const Recipe = recipePromptFor(clientOf(server));
    const before = server.requests.length;
    const error = thrownBy(() => new Recipe({ ingredient: INGREDIENT }).stream({ temperature: 1.5 }));
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "invalid_param", param: "temperature", provider: "anthropic" });
    expect((error as Error).message).toContain("between 0 and 1");
    expect(await rejectionOf(new Recipe({ ingredient: INGREDIENT }).call({ temperature: 1.5 }))).toBeInstanceOf(
      CallParamsError,
    );
    expect(server.requests.length).toBe(before);
  });
});

describe.runIf(TESTED_SDK_LINE === "1.x")(
  "on @anthropic-ai/sdk 1.x, sampling params are refused before sending",
  () => {
    it.each([
      ["temperature", { temperature: 0.3 }],
      ["topP", { topP: 0.8 }],
      ["top_k", withTopK(40)],
    ] as const)("%s: a CallParamsError unsupported_param that names the param and the fix", async (param, params) => {
      const Recipe = recipePromptFor(clientOf(server));
      const before = server.requests.length;
      const error = thrownBy(() => new Recipe({ ingredient: INGREDIENT }).stream(params));
      expect(error).toBeInstanceOf(CallParamsError);
      expect(error).toMatchObject({ code: "unsupported_param", param, provider: "anthropic" });
      const { message } = error as CallParamsError;
      expect(message).toContain(`\`${param}\``);
      expect(message).toContain("2026-10-21");
      expect(message).toContain("Remove it from the call params");
      expect(message).toContain("@anthropic-ai/sdk 0.x");
      expect(await rejectionOf(new Recipe({ ingredient: INGREDIENT }).call(params))).toBeInstanceOf(CallParamsError);
      expect(server.requests.length).toBe(before);
    });

    it('top_k is left out under unsupportedParams: "drop", like the neutral ones', async () => {
      const Recipe = recipePromptFor(clientOf(server));
      const body = await bodyReceivedBy(server, () =>
        new Recipe({ ingredient: INGREDIENT }, { unsupportedParams: "drop" }).stream(withTopK(40, { topP: 0.5 })),
      );
      expect(body).not.toHaveProperty("top_k");
      expect(body).not.toHaveProperty("top_p");
    });
  },
);
