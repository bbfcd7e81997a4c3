/**
 * The API key stays secret through the Responses adapter: the secrets suite, shared by every
 * adapter, with the `openai` SDK logging at `logLevel: "debug"` (what it logs is described in
 * ../openai-secrets.test.ts: the same client, another endpoint).
 */
import type { LoopbackClientOptions } from "@promptstream/testing";
import {
  capturingLogger,
  describeSecretsSuite,
  openAIResponsesSecretsWire,
  type SecretsSetUp,
} from "@promptstream/testing/conformance";
import OpenAI, { type ClientOptions } from "openai";
import type { OpenAIClientOption } from "../index.js";
import { OpenAIResponsesPrompt } from "./openai-responses-prompt.js";

const KEY = { shape: "an sk- key", key: "sk-proj-SECRET-ps7Kq2Vx9mLw4Rt8Zb3N" };

/** A prompt without retries, so that each scenario sends one request per read. */
function askWith(client: OpenAIClientOption) {
  return class Ask extends OpenAIResponsesPrompt({
    template: "Recommend a recipe with {ingredient}",
    client,
    maxRetries: 0,
  }) {};
}

const SET_UPS: ReadonlyArray<SecretsSetUp<LoopbackClientOptions>> = [
  {
    name: 'client options { logLevel: "debug", logger }',
    prepare: async ({ baseURL }, key, records) =>
      askWith({ baseURL, apiKey: key, logLevel: "debug", logger: capturingLogger(records) } satisfies ClientOptions),
  },
  {
    name: 'an OpenAI instance with { logLevel: "debug", logger }',
    prepare: async ({ baseURL }, key, records) =>
      askWith(new OpenAI({ baseURL, apiKey: key, logLevel: "debug", logger: capturingLogger(records), maxRetries: 3 })),
  },
];

describeSecretsSuite({
  name: "openai",
  wire: openAIResponsesSecretsWire,
  key: KEY,
  keyHeader: { name: "authorization", value: (key) => `Bearer ${key}` },
  setUps: SET_UPS,
});
