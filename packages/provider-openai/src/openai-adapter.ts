import type { AdapterV1, AdapterV1Request, AdapterV1Stream } from "@promptstream/core";
import type { OpenAI } from "openai/client";
import type { ChatCompletionCreateParamsBase } from "openai/resources/chat/completions";
import { OpenAICompletionAccumulator } from "./accumulate-openai-completion.js";
import { convertToOpenAIMessages } from "./convert-to-openai-messages.js";
import { convertToOpenAIOutput } from "./convert-to-openai-output.js";
import { convertToOpenAITools } from "./convert-to-openai-tools.js";
import { OPENAI_CHAT_DOCUMENT_INPUT, OPENAI_CHAT_IMAGE_INPUT } from "./convert-to-openai-user-content.js";
import { decodeOpenAIStream } from "./decode-openai-stream.js";
import { mapOpenAICallParams, type OpenAIRequestFields, validateOpenAICallParams } from "./map-openai-call-params.js";
import { mapOpenAIError } from "./map-openai-error.js";
import type { OpenAICallParams } from "./openai-call-params.js";
import { createOpenAICallResponse, type OpenAICallResponse } from "./openai-call-response.js";
import type { OpenAICallResponseChunk } from "./openai-call-response-chunk.js";
import { type OpenAIClientOption, resolveOpenAIClient } from "./resolve-openai-client.js";

type OpenAIRequest = AdapterV1Request<OpenAICallParams, OpenAIClientOption>;

/**
 * The OpenAI Chat Completions adapter: core's provider-neutral requests sent through the
 * official `openai` SDK, which builds, authenticates and sends them.
 */
export const openaiAdapter: AdapterV1<
  OpenAICallParams,
  OpenAICallResponseChunk,
  OpenAICallResponse,
  OpenAIClientOption
> = {
  specificationVersion: "v1",
  provider: "openai",
  supportsTools: true,
  outputModes: ["json_schema"],
  // No size limit is declared: OpenAI's limits are per request and have changed; it answers a 400 past them.
  mediaInput: { image: OPENAI_CHAT_IMAGE_INPUT, document: OPENAI_CHAT_DOCUMENT_INPUT },
  supportsReasoning: true,
  validateParams(params, context) {
    validateOpenAICallParams(params);
    // Params that clash with the prompt's tools or output, or a strict schema, fail here: from
    // stream() and call(), before anything is sent.
    convertToOpenAITools(context?.tools, params);
    convertToOpenAIOutput(context?.output, params);
  },

  async doCall(request: OpenAIRequest): Promise<OpenAICallResponse> {
    const fields = await requestFields(request);
    let client: OpenAI | undefined;
    try {
      client = await resolveOpenAIClient(request.client);
      const completion = await client.chat.completions.create({ ...fields, stream: false }, { signal: request.signal });
      return createOpenAICallResponse(completion);
    } catch (error) {
      throw mapOpenAIError(error, { apiKey: client?.apiKey, baseURL: client?.baseURL });
    }
  },

  async doStream(request: OpenAIRequest): Promise<AdapterV1Stream<OpenAICallResponseChunk, OpenAICallResponse>> {
    const fields = await requestFields(request);
    let response: Response;
    let client: OpenAI | undefined;
    try {
      client = await resolveOpenAIClient(request.client);
      // The SDK builds, authenticates and sends the request; the body is decoded here (see decodeOpenAIStream).
      response = await client.chat.completions
        .create(
          {
            ...fields,
            stream: true,
            ...(request.params.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
          },
          { signal: request.signal },
        )
        .asResponse();
    } catch (error) {
      throw mapOpenAIError(error, { apiKey: client?.apiKey, baseURL: client?.baseURL });
    }
    // Core assembles the calls of a prompt with tools; native `tools` are assembled by the accumulator.
    const accumulator = new OpenAICompletionAccumulator(request.tools === undefined);
    return {
      chunks: decodeOpenAIStream(response, accumulator, client.apiKey),
      createResponse: (summary) => createOpenAICallResponse(accumulator.toCompletion(summary)),
    };
  },
};

/**
 * The request body without the stream fields: params, the prompt's tools, messages. Built before
 * anything is sent, so that params that clash, or a strict tool's schema, fail without a request.
 */
async function requestFields(
  request: OpenAIRequest,
): Promise<OpenAIRequestFields & Pick<ChatCompletionCreateParamsBase, "messages">> {
  const fields = {
    ...mapOpenAICallParams(request.params),
    // After the params: the prompt's tools win over native fields (which they refuse beside them).
    ...convertToOpenAITools(request.tools, request.params),
    ...convertToOpenAIOutput(request.output, request.params),
  };
  // Images and documents given as bytes or Blobs are read here, after the params passed.
  return { ...fields, messages: await convertToOpenAIMessages(request.messages) };
}
