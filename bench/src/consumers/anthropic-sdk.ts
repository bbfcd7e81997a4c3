/** The raw `@anthropic-ai/sdk`: `messages.create({ stream: true })`, for await over its events. */
import Anthropic from "@anthropic-ai/sdk";
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const client = new Anthropic({ baseURL: scenarioBase(endpoint.origin, endpoint), apiKey: API_KEY, maxRetries: 0 });
    return async () => {
      const collector = new TextCollector();
      const stream = await client.messages.create({
        model: "claude-haiku-4-5",
        max_tokens: 4096,
        messages: [{ role: "user", content: PROMPT }],
        stream: true,
      });
      for await (const event of stream) {
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") collector.add(event.delta.text);
      }
      return collector.result();
    };
  },
};
