/** LangChain: `new ChatOpenAI({ configuration: { baseURL }, streaming: true }).stream(...)`; retries off. */
import { ChatOpenAI } from "@langchain/openai";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";
import { streamWithLangChain } from "./langchain-stream.js";

/** A `ChatOpenAI` consumer, on Chat Completions or (`useResponsesApi`) on the Responses API. */
export function chatOpenAIConsumer(useResponsesApi: boolean): ConsumerModule {
  return {
    prepare(endpoint) {
      const model = new ChatOpenAI({
        model: "gpt-4o-mini",
        apiKey: API_KEY,
        configuration: { baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1` },
        useResponsesApi,
        streaming: true,
        maxRetries: 0,
      });
      return () => streamWithLangChain(model, PROMPT);
    },
  };
}

export const consumer = chatOpenAIConsumer(false);
