/**
 * The model's defaults and OpenAI's param ranges: checked on a loopback server through the real
 * `openai` SDK, so that a refused param provably sends nothing.
 */
import { CallParamsError } from "@promptstream/core";
import { createOpenAITextChunks, type OpenAIChatServer, startOpenAIChatServer } from "@promptstream/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OPENAI_DEFAULT_MODEL, OPENAI_MODEL_ENV, OpenAIPrompt, Prompt } from "./index.js";

let server: OpenAIChatServer;
beforeAll(async () => {
  server = await startOpenAIChatServer(() => ({ chunks: createOpenAITextChunks("ok") }));
});
afterAll(() => server.close());
afterEach(() => {
  delete process.env[OPENAI_MODEL_ENV];
});

function promptClass() {
  return class Ask extends OpenAIPrompt({
    template: "Say {word}",
    client: { baseURL: server.baseURL, apiKey: "sk-params-suite", maxRetries: 0 },
  }) {};
}

async function modelSent(run: () => Promise<unknown>): Promise<unknown> {
  const before = server.requests.length;
  await run();
  return (server.requests[before]?.body as { model?: unknown } | undefined)?.model;
}

describe("the model", () => {
  it("is the documented default when neither params nor the environment name one", async () => {
    const Ask = promptClass();
    expect(await modelSent(() => new Ask({ word: "hi" }).stream().text())).toBe(OPENAI_DEFAULT_MODEL);
  });

  it("comes from OPENAI_MODEL when the params name none, and the params win over it", async () => {
    process.env[OPENAI_MODEL_ENV] = "gpt-env-model";
    const Ask = promptClass();
    expect(await modelSent(() => new Ask({ word: "hi" }).stream().text())).toBe("gpt-env-model");
    expect(await modelSent(() => new Ask({ word: "hi" }).stream({ model: "gpt-call-model" }).text())).toBe(
      "gpt-call-model",
    );
  });
});

describe("OpenAI's param ranges", () => {
  it.each([
    ["temperature", { temperature: 2.1 }],
    ["presencePenalty", { presencePenalty: -2.5 }],
    ["frequencyPenalty", { frequencyPenalty: 3 }],
  ] as const)("refuse %s out of range before sending anything", (param, params) => {
    const Ask = promptClass();
    const before = server.requests.length;
    let error: unknown;
    try {
      new Ask({ word: "hi" }).stream(params);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CallParamsError);
    expect(error).toMatchObject({ code: "invalid_param", param, provider: "openai" });
    expect(server.requests.length).toBe(before);
  });

  it("accept the bounds", async () => {
    const Ask = promptClass();
    await expect(
      new Ask({ word: "hi" }).stream({ temperature: 2, presencePenalty: -2, frequencyPenalty: 2 }).text(),
    ).resolves.toBe("ok");
  });
});

describe("the neutral names", () => {
  it("export Prompt as the same factory as OpenAIPrompt", () => {
    expect(Prompt).toBe(OpenAIPrompt);
  });
});
