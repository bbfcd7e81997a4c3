/** promptstream: an `AnthropicPrompt` class with a `defineTool` tool; reads `stream()`, collects the `tool-call` parts. */
import type { ClientOptions } from "@anthropic-ai/sdk";
import { AnthropicPrompt } from "@promptstream/provider-anthropic";
import { toolScenarioBase } from "../tool-scenario.js";
import { API_KEY, PROMPT } from "./consumer.js";
import { collectToolCalls, recordItems } from "./promptstream-tool.js";
import type { ToolConsumerModule } from "./tool-consumer.js";

class BenchToolPrompt extends AnthropicPrompt({
  template: "{question}",
  callParams: { model: "claude-haiku-4-5" },
  tools: [recordItems],
  maxRetries: 0,
}) {}

/** promptstream on provider-anthropic. */
export const consumer: ToolConsumerModule = {
  prepare(endpoint) {
    // One options object per endpoint: promptstream turns it into one client and reuses it.
    const client: ClientOptions = { baseURL: toolScenarioBase(endpoint.origin, endpoint), apiKey: API_KEY };
    return () => collectToolCalls(new BenchToolPrompt({ question: PROMPT }, { client }).stream());
  },
};
