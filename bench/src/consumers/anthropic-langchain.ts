/** LangChain: `new ChatAnthropic({ anthropicApiUrl, streaming: true }).stream(...)`; retries off. */
import { ChatAnthropic } from "@langchain/anthropic";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";
import { streamWithLangChain } from "./langchain-stream.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const model = new ChatAnthropic({
      model: "claude-haiku-4-5",
      apiKey: API_KEY,
      anthropicApiUrl: scenarioBase(endpoint.origin, endpoint),
      maxTokens: 4096,
      streaming: true,
      maxRetries: 0,
    });
    return () => streamWithLangChain(model, PROMPT);
  },
};
