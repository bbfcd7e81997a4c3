import { APIError } from "@anthropic-ai/sdk/error";
import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages/messages";
import { readServerSentEvents, StreamInterruptedError } from "@promptstream/core";
import type { AnthropicMessageAccumulator } from "./accumulate-anthropic-message.js";
import { AnthropicCallResponseChunk } from "./anthropic-call-response-chunk.js";
import { AnthropicToolCallIndexes, OUTPUT_TOOL } from "./anthropic-tool-call-indexes.js";
import { mapAnthropicError } from "./map-anthropic-error.js";
import { readAnthropicTextDelta } from "./read-anthropic-text-delta.js";

/**
 * The chunks of a Messages stream, decoded here rather than by the SDK (which still builds,
 * authenticates and sends the request): each network read is split once, in place, and each
 * event is parsed only when it is read. `ping` events are skipped; an `event: error` (e.g.
 * `overloaded_error` mid-stream) fails the stream with Anthropic's message; the stream ends at
 * `message_stop` without waiting for the server to close the body, and a body that ends before
 * it is a `StreamInterruptedError`. The events of each `tool_use` block carry its call's index
 * among the response's tool calls, for their `toolCallDeltas`.
 */
export function decodeAnthropicStream(
  response: Response,
  accumulator: AnthropicMessageAccumulator,
  apiKey: string | null,
  outputTool?: string,
): AsyncIterable<AnthropicCallResponseChunk> {
  if (response.body === null)
    throw new StreamInterruptedError("Anthropic answered with an empty body.", { provider: "anthropic" });
  const toolCalls = new AnthropicToolCallIndexes(outputTool);
  return readServerSentEvents(response.body, {
    event(data, name) {
      if (name === "ping") return undefined;
      if (outputTool === undefined && name === "content_block_delta") {
        // Most of a stream: text deltas, read without a general JSON parse (see readAnthropicTextDelta).
        const delta = readAnthropicTextDelta(data);
        if (delta !== undefined) {
          accumulator.addText(delta.index, delta.text.length);
          const event = { type: name, index: delta.index, delta: { type: "text_delta", text: delta.text } } as const;
          return new AnthropicCallResponseChunk(event, undefined, undefined);
        }
      }
      const event = parseEvent(data, name, response, apiKey);
      const usage = accumulator.add(event);
      const index = toolCalls.indexOf(event);
      if (outputTool === undefined) return new AnthropicCallResponseChunk(event, usage, index);
      // In `tool` mode, the output tool's input is the answer: its JSON is the chunks' text, and nothing else is.
      if (index === OUTPUT_TOOL) return new AnthropicCallResponseChunk(event, usage, undefined, "output-tool");
      return new AnthropicCallResponseChunk(event, usage, index, "none");
    },
    last: (chunk) => chunk.event.type === "message_stop",
    end() {
      throw new StreamInterruptedError(
        "The Anthropic stream ended before `message_stop`: the connection was closed early.",
        {
          provider: "anthropic",
        },
      );
    },
    readError: (error) => mapAnthropicError(error, { apiKey, inStream: true }),
  });
}

// `response`, not its headers: reading `response.headers` costs a brand check, and only an error needs them.
function parseEvent(
  data: string,
  name: string | undefined,
  response: Response,
  apiKey: string | null,
): RawMessageStreamEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw mapAnthropicError(error, { apiKey, inStream: true });
  }
  if (name === "error") {
    // `{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}`, as the SDK reads it.
    const type = (parsed as { error?: { type?: unknown } }).error?.type;
    const error = new APIError(
      undefined,
      parsed as object,
      undefined,
      response.headers,
      typeof type === "string" ? (type as never) : undefined,
    );
    throw mapAnthropicError(error, { apiKey, inStream: true });
  }
  return parsed as RawMessageStreamEvent;
}
