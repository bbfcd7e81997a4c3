/** Vercel AI SDK: `streamText({ tools })` with `createOpenAI({ baseURL }).chat(...)` (Chat Completions), reading `toolCalls`. */
import { createOpenAI } from "@ai-sdk/openai";
import { toolScenarioBase } from "../tool-scenario.js";
import { streamToolCallsWithAiSdk } from "./ai-sdk-tools-stream.js";
import { API_KEY, PROMPT } from "./consumer.js";
import type { ToolConsumerModule } from "./tool-consumer.js";

/** The AI SDK on @ai-sdk/openai. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    const provider = createOpenAI({ baseURL: `${toolScenarioBase(endpoint.origin, endpoint)}/v1`, apiKey: API_KEY });
    const model = provider.chat("gpt-4o-mini");
    return () => streamToolCallsWithAiSdk(model, PROMPT);
  },
};
