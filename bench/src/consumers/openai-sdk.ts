/** The raw `openai` SDK: `chat.completions.create({ stream: true })`, for await. */
import { scenarioBase } from "../scenario.js";
import { type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";
import { openaiSdkClient } from "./openai-sdk-client.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const client = openaiSdkClient(scenarioBase(endpoint.origin, endpoint));
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
