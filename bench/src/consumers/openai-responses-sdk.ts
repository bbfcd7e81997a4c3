/** The raw `openai` SDK on the Responses API: `responses.create({ stream: true })`, for await over its events. */
import { scenarioBase } from "../scenario.js";
import { type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";
import { openaiSdkClient } from "./openai-sdk-client.js";

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const client = openaiSdkClient(scenarioBase(endpoint.origin, endpoint));
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
