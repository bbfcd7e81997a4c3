/** The raw `openai` SDK on the Responses API: `responses.create({ stream: true })`, for await over its events. */
import OpenAI from "openai";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const client = new OpenAI({
      baseURL: `${scenarioBase(endpoint.origin, endpoint)}/v1`,
      apiKey: API_KEY,
      maxRetries: 0,
    });
    return async () => {
      const collector = new TextCollector();
      const stream = await client.responses.create({ model: "gpt-4o-mini", input: PROMPT, stream: true });
      for await (const event of stream) {
        if (event.type === "response.output_text.delta") collector.add(event.delta);
      }
      return collector.result();
    };
  },
};
