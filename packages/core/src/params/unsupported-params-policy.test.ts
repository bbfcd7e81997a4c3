import { describe, expect, it } from "vitest";
import {
  type AdapterV1,
  type AdapterV1Request,
  type CallParams,
  CallParamsError,
  type CallResponse,
  checkParamRange,
  definePrompt,
  type ResponseChunk,
  refuseUnsupportedParam,
} from "../index.js";
import { rejectionOf, thrownBy } from "../test-support.js";

/** An adapter without `seed` or `topP`, whose temperature runs 0..1; it records the params it was sent. */
function setUp() {
  const sent: CallParams[] = [];
  const adapter: AdapterV1<CallParams, ResponseChunk, CallResponse> = {
    specificationVersion: "v1",
    provider: "acme",
    validateParams(params) {
      checkParamRange("acme", "temperature", params.temperature, 0, 1);
      refuseUnsupportedParam("acme", "seed", params.seed, "Acme has no seed.");
      refuseUnsupportedParam("acme", "topP", params.topP, "Acme has no topP.");
    },
    async doCall(request: AdapterV1Request<CallParams, never>) {
      sent.push(request.params);
      return {
        content: "ok",
        finishReason: "stop",
        rawFinishReason: "stop",
        usage: undefined,
        model: "m",
        id: "i",
        message: { role: "assistant", content: "ok" },
      };
    },
    doStream: () => Promise.reject(new Error("not used")),
  };
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message) };
  return { sent, warnings, logger, Prompt: definePrompt(adapter) };
}

describe("unsupportedParams", () => {
  it('"error" is the default: the call rejects with an unsupported_param CallParamsError that names the way out', async () => {
    const { Prompt, sent } = setUp();
    class Ask extends Prompt({ template: "hi", callParams: { seed: 1 } }) {}
    const error = await rejectionOf(new Ask().call());
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "unsupported_param", param: "seed", provider: "acme" });
    expect((error as Error).message).toBe(
      'acme does not support `seed`: Acme has no seed. To drop such params instead, set `unsupportedParams: "warn"` (or "drop") on the prompt or the call.',
    );
    expect(sent).toEqual([]);
  });

  it('"warn" drops every unsupported param from the request, with one warning per param and prompt class', async () => {
    const { Prompt, sent, warnings, logger } = setUp();
    class SharedChat extends Prompt({
      template: "hi",
      callParams: { seed: 1, topP: 0.5, temperature: 0.5, maxTokens: 10 },
      unsupportedParams: "warn",
      logger,
    }) {}
    await new SharedChat().call();
    await new SharedChat().call();
    expect(sent).toEqual([
      { temperature: 0.5, maxTokens: 10 },
      { temperature: 0.5, maxTokens: 10 },
    ]);
    expect(warnings).toEqual([
      '[promptstream] SharedChat: dropped `seed` from the request (unsupportedParams: "warn"). acme does not support `seed`: Acme has no seed. To drop such params instead, set `unsupportedParams: "warn"` (or "drop") on the prompt or the call. Set unsupportedParams: "error" to refuse it instead, or "drop" to drop it silently.',
      '[promptstream] SharedChat: dropped `topP` from the request (unsupportedParams: "warn"). acme does not support `topP`: Acme has no topP. To drop such params instead, set `unsupportedParams: "warn"` (or "drop") on the prompt or the call. Set unsupportedParams: "error" to refuse it instead, or "drop" to drop it silently.',
    ]);
  });

  it('"drop" drops them without a word', async () => {
    const { Prompt, sent, warnings, logger } = setUp();
    class Ask extends Prompt({ template: "hi", callParams: { seed: 1 }, unsupportedParams: "drop", logger }) {}
    await new Ask().call();
    expect(sent).toEqual([{}]);
    expect(warnings).toEqual([]);
  });

  it("is taken from the call over the instance over the definition", async () => {
    const { Prompt, sent, logger } = setUp();
    class Ask extends Prompt({ template: "hi", callParams: { seed: 1 }, unsupportedParams: "error", logger }) {}
    const ask = new Ask(undefined, { unsupportedParams: "drop" });
    await ask.call();
    expect(await rejectionOf(ask.call(undefined, { unsupportedParams: "error" }))).toBeInstanceOf(CallParamsError);
    await new Ask().call(undefined, { unsupportedParams: "drop" });
    expect(sent).toEqual([{}, {}]);
  });

  it("never drops an invalid value: a temperature out of the provider's range still throws", async () => {
    const { Prompt, sent } = setUp();
    class Ask extends Prompt({ template: "hi", callParams: { temperature: 1.5 }, unsupportedParams: "drop" }) {}
    const error = await rejectionOf(new Ask().call());
    expect(error).toMatchObject({ code: "invalid_param", param: "temperature" });
    class Negative extends Prompt({ template: "hi", callParams: { maxTokens: -1 }, unsupportedParams: "drop" }) {}
    expect(await rejectionOf(new Negative().call())).toMatchObject({ code: "invalid_param", param: "maxTokens" });
    expect(sent).toEqual([]);
  });

  it("applies to stream() as to call()", () => {
    const { Prompt } = setUp();
    class Ask extends Prompt({ template: "hi", callParams: { seed: 1 } }) {}
    expect(thrownBy(() => new Ask().stream())).toMatchObject({ code: "unsupported_param" });
    expect(() => new Ask().stream(undefined, { unsupportedParams: "drop" })).not.toThrow();
  });
});
