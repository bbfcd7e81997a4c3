/**
 * promptstream on the Gemini API: a `GooglePrompt` class, for await over `stream()`.
 * Retries off (`maxRetries: 0`).
 */
import { GooglePrompt } from "@promptstream/provider-google";
import { GEMINI_MODEL, scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";

class BenchPrompt extends GooglePrompt({
  template: "{question}",
  callParams: { model: GEMINI_MODEL },
  maxRetries: 0,
}) {}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    // One options object per endpoint: promptstream turns it into one client and reuses it. The base URL
    // is the API's root, as `@google/genai`'s `httpOptions.baseUrl` (the SDK appends `/v1beta/models/...`).
    const client = { baseURL: scenarioBase(endpoint.origin, endpoint), apiKey: API_KEY };
    return async () => {
      const collector = new TextCollector();
      for await (const chunk of new BenchPrompt({ question: PROMPT }, { client }).stream())
        collector.add(chunk.content);
      return collector.result();
    };
  },
};
