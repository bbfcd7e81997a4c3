/** LangChain: `new ChatOpenAI({ useResponsesApi: true, streaming: true }).stream(...)` (the Responses API); retries off. */
import { ChatOpenAI } from "@langchain/openai";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";
import { streamWithLangChain } from "./langchain-stream.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const model = new ChatOpenAI({
      model: "gpt-4o-mini",
      apiKey: API_KEY,
      configuration: { baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1` },
      useResponsesApi: true,
      streaming: true,
      maxRetries: 0,
    });
    return () => streamWithLangChain(model, PROMPT);
  },
};
