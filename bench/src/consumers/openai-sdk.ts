/** The raw `openai` SDK: `chat.completions.create({ stream: true })`, for await. */
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
      const stream = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: PROMPT }],
        stream: true,
      });
      for await (const chunk of stream) collector.add(chunk.choices[0]?.delta?.content ?? "");
      return collector.result();
    };
  },
};
