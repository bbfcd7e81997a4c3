/** Vercel AI SDK: `streamText` with `createGoogleGenerativeAI({ baseURL })` (the Gemini API), over `textStream`. */
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { GEMINI_MODEL, scenarioBase } from "../scenario.js";
import { streamWithAiSdk } from "./ai-sdk-stream.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const provider = createGoogleGenerativeAI({
      baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1beta`,
      apiKey: API_KEY,
    });
    const model = provider(GEMINI_MODEL);
    return () => streamWithAiSdk(model, PROMPT);
  },
};
