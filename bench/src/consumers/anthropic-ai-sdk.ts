/** Vercel AI SDK: `streamText` with `createAnthropic({ baseURL })`, over `textStream`. */
import { createAnthropic } from "@ai-sdk/anthropic";
import { scenarioBase } from "../scenario.js";
import { streamWithAiSdk } from "./ai-sdk-stream.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const provider = createAnthropic({ baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1`, apiKey: API_KEY });
    const model = provider("claude-haiku-4-5");
    return () => streamWithAiSdk(model, PROMPT);
  },
};
