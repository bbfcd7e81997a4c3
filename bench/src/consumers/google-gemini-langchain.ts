/**
 * LangChain: `new ChatGoogleGenerativeAI({ baseUrl, streaming: true }).stream(...)` (`@langchain/google-genai`,
 * which sends its requests with the older `@google/generative-ai` SDK); retries off.
 */
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { GEMINI_MODEL, scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT } from "./consumer.js";
import { streamWithLangChain } from "./langchain-stream.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const model = new ChatGoogleGenerativeAI({
      model: GEMINI_MODEL,
      apiKey: API_KEY,
      baseUrl: scenarioBase(endpoint.origin, endpoint),
      streaming: true,
      maxRetries: 0,
    });
    return () => streamWithLangChain(model, PROMPT);
  },
};
