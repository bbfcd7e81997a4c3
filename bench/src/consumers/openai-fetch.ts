/** OpenAI floor: plain fetch and the minimal SSE parser, JSON.parse of every chunk. */
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";
import { postForStream, sseEvents } from "./sse-lines.js";

interface ChatChunk {
  readonly choices: ReadonlyArray<{ readonly delta?: { readonly content?: string | null } }>;
}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const url = `${scenarioBase(endpoint.origin, endpoint)}/v1/chat/completions`;
    const headers = { authorization: `Bearer ${API_KEY}` };
    const request = { model: "gpt-4o-mini", messages: [{ role: "user", content: PROMPT }], stream: true };
    return async () => {
      const collector = new TextCollector();
      for await (const { data } of sseEvents(await postForStream(url, headers, request))) {
        if (data === "[DONE]") break;
        const chunk = JSON.parse(data) as ChatChunk;
        collector.add(chunk.choices[0]?.delta?.content ?? "");
      }
      return collector.result();
    };
  },
};
