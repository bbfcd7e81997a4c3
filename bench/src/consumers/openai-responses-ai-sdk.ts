/** Vercel AI SDK: `streamText` with `createOpenAI({ baseURL }).responses(...)` (the Responses API), over `textStream`. */
import { createOpenAI } from "@ai-sdk/openai";
import { scenarioBase } from "../scenario.js";
import { streamWithAiSdk } from "./ai-sdk-stream.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const provider = createOpenAI({ baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1`, apiKey: API_KEY });
    const model = provider.responses("gpt-4o-mini");
    return () => streamWithAiSdk(model, PROMPT);
  },
};
