import type Anthropic from "@anthropic-ai/sdk";
import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages/messages";
import { type AdapterV1, type AdapterV1Request, type AdapterV1Stream, StreamInterruptedError } from "@promptstream/core";
import { AnthropicMessageAccumulator } from "./accumulate-anthropic-message.js";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import { type AnthropicCallResponse, createAnthropicCallResponse } from "./anthropic-call-response.js";
import { AnthropicCallResponseChunk } from "./anthropic-call-response-chunk.js";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { mapAnthropicCallParams, validateAnthropicCallParams } from "./map-anthropic-call-params.js";
import { mapAnthropicError } from "./map-anthropic-error.js";
import { type AnthropicClientOption, resolveAnthropicClient } from "./resolve-anthropic-client.js";

type AnthropicRequest = AdapterV1Request<AnthropicCallParams, AnthropicClientOption>;

/**
 * The Anthropic Messages adapter: core's provider-neutral requests sent through the official
 * `@anthropic-ai/sdk`, which builds, authenticates and sends them.
 */
export const anthropicAdapter: AdapterV1<AnthropicCallParams, AnthropicCallResponseChunk, AnthropicCallResponse, AnthropicClientOption> =
  {
    specificationVersion: "v1",
    provider: "anthropic",
    validateParams: validateAnthropicCallParams,

    async doCall(request: AnthropicRequest): Promise<AnthropicCallResponse> {
      let client: Anthropic | undefined;
      try {
        client = resolveAnthropicClient(request.client);
        const message = await client.messages.create(
          { ...mapAnthropicCallParams(request.params), ...toBody(request), stream: false },
          { signal: request.signal },
        );
        return createAnthropicCallResponse(message);
      } catch (error) {
        throw mapAnthropicError(error, { apiKey: client?.apiKey });
      }
    },

    async doStream(request: AnthropicRequest): Promise<AdapterV1Stream<AnthropicCallResponseChunk, AnthropicCallResponse>> {
      let client: Anthropic | undefined;
      let events: AsyncIterable<RawMessageStreamEvent>;
      try {
        client = resolveAnthropicClient(request.client);
        events = await client.messages.create(
          { ...mapAnthropicCallParams(request.params), ...toBody(request), stream: true },
          { signal: request.signal },
        );
      } catch (error) {
        throw mapAnthropicError(error, { apiKey: client?.apiKey });
      }
      const accumulator = new AnthropicMessageAccumulator();
      return {
        chunks: wrapEvents(events, accumulator, client.apiKey),
        createResponse: (summary) => createAnthropicCallResponse(accumulator.toMessage(summary), accumulator.fallback),
      };
    },
  };

function toBody(request: AnthropicRequest) {
  const { system, messages } = convertToAnthropicMessages(request.messages);
  return system === undefined ? { messages } : { system, messages };
}

async function* wrapEvents(
  events: AsyncIterable<RawMessageStreamEvent>,
  accumulator: AnthropicMessageAccumulator,
  apiKey: string | null,
): AsyncGenerator<AnthropicCallResponseChunk, void, undefined> {
  let stopped = false;
  try {
    for await (const event of events) {
      if (event.type === "message_stop") stopped = true;
      yield new AnthropicCallResponseChunk(event, accumulator.add(event));
      // The answer is whole: do not wait for the server to end the body, which it may delay.
      // Leaving the loop closes the request.
      if (stopped) return;
    }
  } catch (error) {
    throw mapAnthropicError(error, { apiKey, inStream: true });
  }
  // The SDK ends quietly when the body ends without `message_stop`: the answer was cut short.
  if (!stopped) {
    throw new StreamInterruptedError("The Anthropic stream ended before `message_stop`: the connection was closed early.", {
      provider: "anthropic",
    });
  }
}
