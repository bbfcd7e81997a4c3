/** promptstream: an `OpenAIPrompt` class with a `defineTool` tool; reads `stream()`, collects the `tool-call` parts. */
import { OpenAIPrompt } from "@promptstream/provider-openai";
import type { ClientOptions } from "openai";
import { toolScenarioBase } from "../tool-scenario.js";
import { API_KEY, PROMPT } from "./consumer.js";
import { collectToolCalls, recordItems } from "./promptstream-tool.js";
import type { ToolConsumerModule } from "./tool-consumer.js";

class BenchToolPrompt extends OpenAIPrompt({
  template: "{question}",
  callParams: { model: "gpt-4o-mini" },
  tools: [recordItems],
  maxRetries: 0,
}) {}

/** promptstream on provider-openai. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    // One options object per endpoint: promptstream turns it into one client and reuses it.
    const client: ClientOptions = { baseURL: `${toolScenarioBase(endpoint.origin, endpoint)}/v1`, apiKey: API_KEY };
    return () => collectToolCalls(new BenchToolPrompt({ question: PROMPT }, { client }).stream());
  },
};
