/**
 * promptstream on the Responses API: an `OpenAIResponsesPrompt` class, for await over `stream()`.
 * Retries off (`maxRetries: 0`).
 */
import { OpenAIResponsesPrompt } from "@promptstream/provider-openai/responses";
import type { ClientOptions } from "openai";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";

class BenchPrompt extends OpenAIResponsesPrompt({
  template: "{question}",
  callParams: { model: "gpt-4o-mini" },
  maxRetries: 0,
}) {}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    // One options object per endpoint: promptstream turns it into one client and reuses it.
    const client: ClientOptions = { baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1`, apiKey: API_KEY };
    return async () => {
      const collector = new TextCollector();
      for await (const chunk of new BenchPrompt({ question: PROMPT }, { client }).stream())
        collector.add(chunk.content);
      return collector.result();
    };
  },
};
