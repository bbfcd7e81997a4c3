/** promptstream: an `AnthropicPrompt` class, for await over `stream()`. Retries off (`maxRetries: 0`). */
import type { ClientOptions } from "@anthropic-ai/sdk";
import { AnthropicPrompt } from "@promptstream/provider-anthropic";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";

class BenchPrompt extends AnthropicPrompt({
  template: "{question}",
  callParams: { model: "claude-haiku-4-5" },
  maxRetries: 0,
}) {}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    // One options object per endpoint: promptstream turns it into one client and reuses it.
    const client: ClientOptions = { baseURL: scenarioBase(endpoint.origin, endpoint), apiKey: API_KEY };
    return async () => {
      const collector = new TextCollector();
      for await (const chunk of new BenchPrompt({ question: PROMPT }, { client }).stream())
        collector.add(chunk.content);
      return collector.result();
    };
  },
};
