/**
 * Google Gemini floor: plain fetch and the minimal SSE parser (on "\r\n" lines), JSON.parse of every event,
 * the text of the first candidate's parts.
 */
import { GEMINI_MODEL, scenarioBase } from "../scenario.js";
import { API_KEY, type ConsumerModule, PROMPT, TextCollector } from "./consumer.js";
import { postForStream, sseEvents } from "./sse-lines.js";

interface GenerateContentResponse {
  readonly candidates?: readonly { readonly content?: { readonly parts?: readonly { readonly text?: string }[] } }[];
  /** An error the API sends in the stream. */
  readonly error?: { readonly message?: string };
}

export const consumer: ConsumerModule = {
  prepare(endpoint) {
    const url = `${scenarioBase(endpoint.origin, endpoint)}/v1beta/models/${GEMINI_MODEL}:streamGenerateContent?alt=sse`;
    const headers = { "x-goog-api-key": API_KEY };
    const request = { contents: [{ role: "user", parts: [{ text: PROMPT }] }] };
    return async () => {
      const collector = new TextCollector();
      for await (const { data } of sseEvents(await postForStream(url, headers, request), "\r\n")) {
        const response = JSON.parse(data) as GenerateContentResponse;
        if (response.error !== undefined) throw new Error(response.error.message ?? "stream error");
        for (const part of response.candidates?.[0]?.content?.parts ?? []) collector.add(part.text ?? "");
      }
      return collector.result();
    };
  },
};
