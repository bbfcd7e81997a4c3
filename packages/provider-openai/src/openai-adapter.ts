import { type AdapterV1, type AdapterV1Request, type AdapterV1Stream, StreamInterruptedError } from "@promptstream/core";
import type OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { OpenAICompletionAccumulator } from "./accumulate-openai-completion.js";
import { convertToOpenAIMessages } from "./convert-to-openai-messages.js";
import { mapOpenAICallParams, validateOpenAICallParams } from "./map-openai-call-params.js";
import { mapOpenAIError } from "./map-openai-error.js";
import type { OpenAICallParams } from "./openai-call-params.js";
import { type OpenAICallResponse, createOpenAICallResponse } from "./openai-call-response.js";
import { OpenAICallResponseChunk } from "./openai-call-response-chunk.js";
import { type OpenAIClientOption, resolveOpenAIClient } from "./resolve-openai-client.js";

type OpenAIRequest = AdapterV1Request<OpenAICallParams, OpenAIClientOption>;

/**
 * The OpenAI Chat Completions adapter: core's provider-neutral requests sent through the
 * official `openai` SDK, which builds, authenticates and sends them.
 */
export const openaiAdapter: AdapterV1<OpenAICallParams, OpenAICallResponseChunk, OpenAICallResponse, OpenAIClientOption> = {
  specificationVersion: "v1",
  provider: "openai",
  validateParams: validateOpenAICallParams,

  async doCall(request: OpenAIRequest): Promise<OpenAICallResponse> {
    let client: OpenAI | undefined;
    try {
      client = resolveOpenAIClient(request.client);
      const completion = await client.chat.completions.create(
        { ...mapOpenAICallParams(request.params), messages: convertToOpenAIMessages(request.messages), stream: false },
        { signal: request.signal },
      );
      return createOpenAICallResponse(completion);
    } catch (error) {
      throw mapOpenAIError(error, { apiKey: client?.apiKey });
    }
  },

  async doStream(request: OpenAIRequest): Promise<AdapterV1Stream<OpenAICallResponseChunk, OpenAICallResponse>> {
    let stream: AsyncIterable<ChatCompletionChunk>;
    let client: OpenAI | undefined;
    try {
      client = resolveOpenAIClient(request.client);
      stream = await client.chat.completions.create(
        {
          ...mapOpenAICallParams(request.params),
          messages: convertToOpenAIMessages(request.messages),
          stream: true,
          ...(request.params.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
        },
        { signal: request.signal },
      );
    } catch (error) {
      throw mapOpenAIError(error, { apiKey: client?.apiKey });
    }
    const accumulator = new OpenAICompletionAccumulator();
    return {
      chunks: wrapChunks(stream, accumulator, client.apiKey, request.params.includeUsage !== false),
      createResponse: (summary) => createOpenAICallResponse(accumulator.toCompletion(summary)),
    };
  },
};

async function* wrapChunks(
  stream: AsyncIterable<ChatCompletionChunk>,
  accumulator: OpenAICompletionAccumulator,
  apiKey: string,
  usageRequested: boolean,
): AsyncGenerator<OpenAICallResponseChunk, void, undefined> {
  let finished = false;
  try {
    for await (const chunk of stream) {
      accumulator.add(chunk);
      if (chunk.choices[0]?.finish_reason != null) finished = true;
      yield new OpenAICallResponseChunk(chunk);
      // The answer is whole: after the finish reason, and the usage chunk when usage was asked
      // for. The SDK skips `[DONE]` and waits for the body to end, which a server may delay:
      // stop here, which also closes the request.
      if (finished && (!usageRequested || chunk.usage != null)) return;
    }
  } catch (error) {
    throw mapOpenAIError(error, { apiKey, inStream: true });
  }
  // The SDK ends quietly when the body ends without `[DONE]`: a stream that never said why it
  // stopped was cut short, and its text must not pass for a whole answer.
  if (!finished) {
    throw new StreamInterruptedError("The OpenAI stream ended before its finish reason: the connection was closed early.", {
      provider: "openai",
    });
  }
}
