/** OpenAI Responses floor: plain fetch and the minimal SSE parser, JSON.parse of every event, text from `response.output_text.delta`. */
import { scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";
import { postForStream, sseEvents } from "./sse-lines.js";

interface ResponsesEvent {
  readonly type: string;
  readonly delta?: string;
  /** An `error` event's message (the API has sent it at the top level and in `error`). */
  readonly message?: string;
  readonly error?: { readonly message?: string };
}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const url = `${scenarioBase(endpoint.origin, endpoint)}/v1/responses`;
    const headers = { authorization: `Bearer ${API_KEY}` };
    const request = { model: "gpt-4o-mini", input: PROMPT, stream: true };
    return async () => {
      const collector = new TextCollector();
      for await (const { data } of sseEvents(await postForStream(url, headers, request))) {
        const event = JSON.parse(data) as ResponsesEvent;
        if (event.type === "response.output_text.delta") collector.add(event.delta ?? "");
        else if (event.type === "error" || event.type === "response.failed")
          throw new Error(event.message ?? event.error?.message ?? `stream ${event.type}`);
      }
      return collector.result();
    };
  },
};
