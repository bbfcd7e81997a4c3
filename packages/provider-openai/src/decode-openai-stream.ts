import { END_OF_STREAM, readServerSentEvents, StreamInterruptedError } from "@promptstream/core";
import { APIError } from "openai/error";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { OpenAICompletionAccumulator } from "./accumulate-openai-completion.js";
import { mapOpenAIError } from "./map-openai-error.js";
import { OpenAICallResponseChunk } from "./openai-call-response-chunk.js";
import { OpenAIToolCallNumbering } from "./openai-tool-call-numbering.js";

/**
 * The chunks of a Chat Completions stream, decoded here rather than by the SDK. The SDK still
 * builds, authenticates and sends the request; its event splitter copies the rest of its buffer
 * for every event, which makes a fast stream several times slower than the network. Here each
 * network read is split once, in place (see `readServerSentEvents`).
 *
 * Ends at `[DONE]` without waiting for the server to close the body; a body that ends before
 * `[DONE]` and without a finish reason is a `StreamInterruptedError`; an `{"error": ...}` event
 * (OpenAI's, or a compatible server's) fails the stream with the provider's message.
 */
export function decodeOpenAIStream(
  response: Response,
  accumulator: OpenAICompletionAccumulator,
  apiKey: string,
): AsyncIterable<OpenAICallResponseChunk> {
  let finished = false;
  // The calls are numbered across the stream's chunks: servers differ in how they number them.
  const numbering = new OpenAIToolCallNumbering();
  if (response.body === null)
    throw new StreamInterruptedError("OpenAI answered with an empty body.", { provider: "openai" });
  return readServerSentEvents(response.body, {
    event(data) {
      if (data === "[DONE]") return END_OF_STREAM;
      const chunk = parseChunk(data, response, apiKey);
      const choice = chunk.choices[0];
      const wrapped = new OpenAICallResponseChunk(chunk, numbering.deltasOf(choice?.delta?.tool_calls));
      accumulator.add(wrapped);
      if (choice?.finish_reason != null) finished = true;
      return wrapped;
    },
    end() {
      // A stream that never said why it stopped was cut short: its text is not a whole answer.
      if (!finished) {
        throw new StreamInterruptedError(
          "The OpenAI stream ended before its finish reason: the connection was closed early.",
          {
            provider: "openai",
          },
        );
      }
    },
    readError: (error) => mapOpenAIError(error, { apiKey, inStream: true }),
  });
}

// `response`, not its headers: reading `response.headers` costs a brand check, and only an error needs them.
function parseChunk(data: string, response: Response, apiKey: string): ChatCompletionChunk {
  let parsed: ChatCompletionChunk & { error?: unknown };
  try {
    parsed = JSON.parse(data) as ChatCompletionChunk & { error?: unknown };
  } catch (error) {
    throw mapOpenAIError(error, { apiKey, inStream: true });
  }
  // An error event in the middle of the stream, as the SDK reads it: `{"error": {message, type, code}}`.
  if (parsed.error)
    throw mapOpenAIError(new APIError(undefined, parsed.error as object, undefined, response.headers), {
      apiKey,
      inStream: true,
    });
  return parsed;
}
