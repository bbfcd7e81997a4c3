/**
 * The raw `@google/genai` SDK: `models.generateContentStream()`, for await over its chunks, `chunk.text`.
 * Retries off: the SDK retries only when given `httpOptions.retryOptions`, and gets none.
 */
import { GoogleGenAI } from "@google/genai";
import { GEMINI_MODEL, scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const client = new GoogleGenAI({
      apiKey: API_KEY,
      httpOptions: { baseUrl: scenarioBase(endpoint.origin, endpoint) },
    });
    return async () => {
      const collector = new TextCollector();
      const stream = await client.models.generateContentStream({ model: GEMINI_MODEL, contents: PROMPT });
      for await (const chunk of stream) collector.add(chunk.text ?? "");
      return collector.result();
    };
  },
};
