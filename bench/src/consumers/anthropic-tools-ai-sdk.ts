/** Vercel AI SDK: `streamText({ tools })` with `createAnthropic({ baseURL })`, reading `toolCalls`. */
import { createAnthropic } from "@ai-sdk/anthropic";
import { toolScenarioBase } from "../tool-scenario.js";
import { streamToolCallsWithAiSdk } from "./ai-sdk-tools-stream.js";
import { API_KEY, PROMPT } from "./consumer.js";
import type { ToolConsumerModule } from "./tool-consumer.js";

/** The AI SDK on @ai-sdk/anthropic. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    const provider = createAnthropic({ baseURL: `${toolScenarioBase(endpoint.origin, endpoint)}/v1`, apiKey: API_KEY });
    const model = provider("claude-haiku-4-5");
    return () => streamToolCallsWithAiSdk(model, PROMPT);
  },
};
