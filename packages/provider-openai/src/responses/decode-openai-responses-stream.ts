import { readServerSentEvents, StreamInterruptedError } from "@promptstream/core";
import type { ResponseStreamEvent } from "openai/resources/responses/responses";
import { mapOpenAIError } from "../map-openai-error.js";
import type { OpenAIResponsesAccumulator } from "./accumulate-openai-responses.js";
import { errorEventBody, reportedOpenAIResponsesError } from "./map-openai-responses-error.js";
import { OpenAIResponsesChunk } from "./openai-responses-chunk.js";
import { readOpenAIResponsesTextDelta } from "./read-openai-responses-text-delta.js";

const TEXT_DELTA = "response.output_text.delta";

/**
 * The chunks of a Responses API stream, decoded here rather than by the SDK (which still builds,
 * authenticates and sends the request): each network read is split once, in place, and a text
 * delta is read without a general JSON parse (see `readOpenAIResponsesTextDelta`).
 *
 * The stream ends at `response.completed` or `response.incomplete` without waiting for the
 * server to close the body; a body that ends before either is a `StreamInterruptedError`. An
 * `error` event, or `response.failed`, fails the stream with OpenAI's message: the `error` event
 * comes first, so the `response.failed` after it is never read (one failure, one error).
 */
export function decodeOpenAIResponsesStream(
  response: Response,
  accumulator: OpenAIResponsesAccumulator,
  apiKey: string,
): AsyncIterable<OpenAIResponsesChunk> {
  if (response.body === null)
    throw new StreamInterruptedError("OpenAI answered with an empty body.", { provider: "openai" });
  return readServerSentEvents(response.body, {
    event(data, name) {
      if (name === TEXT_DELTA) {
        const text = readOpenAIResponsesTextDelta(data);
        if (text !== undefined) return new OpenAIResponsesChunk(data, TEXT_DELTA, text);
      }
      const event = parseEvent(data, name, apiKey);
      switch (event.type) {
        case TEXT_DELTA:
          return new OpenAIResponsesChunk(event, TEXT_DELTA, event.delta ?? "");
        case "error":
          throw reportedOpenAIResponsesError(errorEventBody(event), apiKey);
        case "response.failed":
          throw reportedOpenAIResponsesError(event.response?.error, apiKey);
        default:
          return new OpenAIResponsesChunk(event, event.type, "", accumulator.add(event));
      }
    },
    last: (chunk) => chunk.finishReason !== undefined,
    end() {
      throw new StreamInterruptedError(
        "The OpenAI Responses stream ended before `response.completed`: the connection was closed early.",
        { provider: "openai" },
      );
    },
    readError: (error) => mapOpenAIError(error, { apiKey, inStream: true }),
  });
}

function parseEvent(data: string, name: string | undefined, apiKey: string): ResponseStreamEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw mapOpenAIError(error, { apiKey, inStream: true });
  }
  if (typeof parsed !== "object" || parsed === null) parsed = { value: parsed };
  // A server that names its events but not their payloads (some proxies): the event name is the type.
  const event = parsed as { type?: unknown };
  if (typeof event.type !== "string") return { ...event, type: name ?? "" } as ResponseStreamEvent;
  return parsed as ResponseStreamEvent;
}
