/** Anthropic floor: plain fetch and the minimal SSE parser, JSON.parse of every event. */
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";
import { postForStream, sseEvents } from "./sse-lines.js";

interface MessageEvent {
  readonly type: string;
  readonly delta?: { readonly type: string; readonly text?: string };
  readonly error?: { readonly message: string };
}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const url = `${scenarioBase(endpoint.origin, endpoint)}/v1/messages`;
    const headers = { "x-api-key": API_KEY, "anthropic-version": "2023-06-01" };
    const request = {
      model: "claude-haiku-4-5",
      max_tokens: 4096,
      messages: [{ role: "user", content: PROMPT }],
      stream: true,
    };
    return async () => {
      const collector = new TextCollector();
      for await (const { data } of sseEvents(await postForStream(url, headers, request))) {
        const event = JSON.parse(data) as MessageEvent;
        if (event.type === "content_block_delta" && event.delta?.type === "text_delta")
          collector.add(event.delta.text ?? "");
        else if (event.type === "error") throw new Error(event.error?.message ?? "stream error");
      }
      return collector.result();
    };
  },
};
