import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  type AdapterV1Request,
  type CallParams,
  CallParamsError,
  type CallResponse,
  checkParamRange,
  definePrompt,
  PromptstreamError,
  type ResponseChunk,
  refuseUnsupportedParam,
  validateCallParams,
} from "../index.js";
import { thrownBy } from "../test-support.js";

describe("validateCallParams", () => {
  it("accepts every neutral param at a valid value, and an empty object", () => {
    expect(() =>
      validateCallParams({
        model: "m",
        temperature: 0,
        maxTokens: 1,
        topP: 1,
        stop: ["\n", "END"],
        seed: -3,
        presencePenalty: 1,
      }),
    ).not.toThrow();
    expect(() => validateCallParams({})).not.toThrow();
    expect(() => validateCallParams({ stop: "END" })).not.toThrow();
  });

  it.each([
    ["maxTokens", { maxTokens: -1 }],
    ["maxTokens", { maxTokens: 0 }],
    ["maxTokens", { maxTokens: 1.5 }],
    ["maxTokens", { maxTokens: Number.NaN }],
    ["temperature", { temperature: -0.1 }],
    ["temperature", { temperature: Number.POSITIVE_INFINITY }],
    ["topP", { topP: 0 }],
    ["topP", { topP: 1.01 }],
    ["seed", { seed: 0.5 }],
    ["model", { model: "  " }],
    ["stop", { stop: [""] }],
    ["stop", { stop: ["ok", 3 as unknown as string] }],
  ] as const)("refuses %s in %o with an invalid_param CallParamsError naming it", (param, params) => {
    const error = thrownBy(() => validateCallParams(params as CallParams));
    expect(error).toBeInstanceOf(CallParamsError);
    expect(PromptstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: "CallParamsError", code: "invalid_param", param, provider: undefined });
    expect((error as Error).message).toContain(`\`${param}\``);
  });
});

describe("adapter helpers for params", () => {
  it("checkParamRange accepts the bounds and refuses outside them, naming the provider", () => {
    expect(() => checkParamRange("acme", "temperature", 2, 0, 2)).not.toThrow();
    expect(() => checkParamRange("acme", "temperature", undefined, 0, 2)).not.toThrow();
    const error = thrownBy(() => checkParamRange("acme", "temperature", 2.5, 0, 2));
    expect(error).toMatchObject({ code: "invalid_param", param: "temperature", provider: "acme" });
    expect((error as Error).message).toMatch(/between 0 and 2; got 2.5/);
  });

  it("refuseUnsupportedParam throws only when the param is set", () => {
    expect(() => refuseUnsupportedParam("acme", "seed", undefined, "Remove it.")).not.toThrow();
    const error = thrownBy(() => refuseUnsupportedParam("acme", "seed", 0, "Remove it."));
    expect(error).toMatchObject({ code: "unsupported_param", param: "seed", provider: "acme" });
    expect((error as Error).message).toBe(
      'acme does not support `seed`: Remove it. To drop such params instead, set `unsupportedParams: "warn"` (or "drop") on the prompt or the call.',
    );
  });
});

describe("params are checked before anything is sent", () => {
  interface SeedlessParams extends CallParams {}
  const requests: AdapterV1Request<SeedlessParams, never>[] = [];
  const adapter: AdapterV1<SeedlessParams, ResponseChunk, CallResponse> = {
    specificationVersion: "v1",
    provider: "seedless",
    validateParams: (params) => refuseUnsupportedParam("seedless", "seed", params.seed, "Remove it."),
    async doCall(request) {
      requests.push(request);
      throw new Error("unreachable in these tests");
    },
    async doStream(request) {
      requests.push(request);
      throw new Error("unreachable in these tests");
    },
  };
  class Ask extends definePrompt(adapter)({ template: "Hi {name}", callParams: { maxTokens: 10 } }) {}

  it("stream() throws the core check at once, merged from every level", () => {
    const ask = new Ask({ name: "Ada" }, { callParams: { maxTokens: -5 } });
    expect(thrownBy(() => ask.stream())).toMatchObject({ code: "invalid_param", param: "maxTokens" });
    expect(requests).toHaveLength(0);
  });

  it("stream() and call() run the adapter's own check after core's", async () => {
    const ask = new Ask({ name: "Ada" });
    expect(thrownBy(() => ask.stream({ seed: 1 }))).toMatchObject({
      code: "unsupported_param",
      param: "seed",
      provider: "seedless",
    });
    await expect(ask.call({ seed: 1 })).rejects.toMatchObject({ code: "unsupported_param" });
    expect(requests).toHaveLength(0);
  });
});
