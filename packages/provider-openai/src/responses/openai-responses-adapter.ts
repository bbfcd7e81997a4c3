import type { AdapterV1, AdapterV1Request, AdapterV1Stream } from "@promptstream/core";
import type { OpenAI } from "openai/client";
import type { Response as OpenAIResponse, ResponseCreateParamsBase } from "openai/resources/responses/responses";
import { mapOpenAIError } from "../map-openai-error.js";
import { type OpenAIClientOption, resolveOpenAIClient } from "../resolve-openai-client.js";
import { OpenAIResponsesAccumulator } from "./accumulate-openai-responses.js";
import { convertToOpenAIResponsesInput } from "./convert-to-openai-responses-input.js";
import { convertToOpenAIResponsesOutput } from "./convert-to-openai-responses-output.js";
import { convertToOpenAIResponsesTools } from "./convert-to-openai-responses-tools.js";
import {
  OPENAI_RESPONSES_DOCUMENT_INPUT,
  OPENAI_RESPONSES_IMAGE_INPUT,
} from "./convert-to-openai-responses-user-content.js";
import { decodeOpenAIResponsesStream } from "./decode-openai-responses-stream.js";
import { reportedOpenAIResponsesError } from "./map-openai-responses-error.js";
import { mapOpenAIResponsesParams, validateOpenAIResponsesParams } from "./map-openai-responses-params.js";
import type { OpenAIResponsesCallParams } from "./openai-responses-call-params.js";
import type { OpenAIResponsesChunk } from "./openai-responses-chunk.js";
import { createOpenAIResponsesResponse, type OpenAIResponsesCallResponse } from "./openai-responses-response.js";

type OpenAIResponsesRequest = AdapterV1Request<OpenAIResponsesCallParams, OpenAIClientOption>;

/**
 * The OpenAI Responses API adapter (`POST /v1/responses`): core's provider-neutral requests sent
 * through the official `openai` SDK's `client.responses.create`, with the same clients, retries,
 * errors and secrets handling as the Chat Completions adapter.
 */
export const openaiResponsesAdapter: AdapterV1<
  OpenAIResponsesCallParams,
  OpenAIResponsesChunk,
  OpenAIResponsesCallResponse,
  OpenAIClientOption
> = {
  specificationVersion: "v1",
  provider: "openai",
  supportsTools: true,
  outputModes: ["json_schema", "json"],
  // No size limit is declared: OpenAI's limits are per request and have changed; it answers a 400 past them.
  mediaInput: { image: OPENAI_RESPONSES_IMAGE_INPUT, document: OPENAI_RESPONSES_DOCUMENT_INPUT },
  supportsReasoning: true,
  validateParams(params, context) {
    validateOpenAIResponsesParams(params);
    // Params that clash with the prompt's tools or output, or a strict schema, fail here: from
    // stream() and call(), before anything is sent.
    convertToOpenAIResponsesTools(context?.tools, params);
    convertToOpenAIResponsesOutput(context?.output, params);
  },

  async doCall(request: OpenAIResponsesRequest): Promise<OpenAIResponsesCallResponse> {
    const fields = await requestFields(request);
    let client: OpenAI | undefined;
    let response: OpenAIResponse;
    try {
      client = await resolveOpenAIClient(request.client);
      response = await client.responses.create({ ...fields, stream: false }, { signal: request.signal });
    } catch (error) {
      throw mapOpenAIError(error, { apiKey: client?.apiKey, baseURL: client?.baseURL, endpoint: "/responses" });
    }
    if (response.status === "failed") throw reportedOpenAIResponsesError(response.error, client.apiKey);
    return createOpenAIResponsesResponse(response);
  },

  async doStream(
    request: OpenAIResponsesRequest,
  ): Promise<AdapterV1Stream<OpenAIResponsesChunk, OpenAIResponsesCallResponse>> {
    const fields = await requestFields(request);
    let response: Response;
    let client: OpenAI | undefined;
    try {
      client = await resolveOpenAIClient(request.client);
      // The SDK builds, authenticates and sends the request; the body is decoded here (see decodeOpenAIResponsesStream).
      response = await client.responses.create({ ...fields, stream: true }, { signal: request.signal }).asResponse();
    } catch (error) {
      throw mapOpenAIError(error, { apiKey: client?.apiKey, baseURL: client?.baseURL, endpoint: "/responses" });
    }
    const accumulator = new OpenAIResponsesAccumulator();
    return {
      chunks: decodeOpenAIResponsesStream(response, accumulator, client.apiKey),
      createResponse: (summary) => accumulator.toResponse(summary),
    };
  },
};

/**
 * The request body without the stream fields: params, the prompt's tools and output, the
 * conversation. Built before anything is sent, so that params that clash fail without a request.
 */
async function requestFields(request: OpenAIResponsesRequest): Promise<Omit<ResponseCreateParamsBase, "stream">> {
  const { params } = request;
  const fields = {
    ...mapOpenAIResponsesParams(params),
    // After the params: the prompt's tools win over native fields (which they refuse beside them).
    ...convertToOpenAIResponsesTools(request.tools, params),
    ...convertToOpenAIResponsesOutput(request.output, params),
  };
  // Images and documents given as bytes or Blobs are read here, after the params passed.
  const input = await convertToOpenAIResponsesInput(request.messages, {
    instructions: params.instructions,
    store: params.store,
  });
  return { ...fields, ...input };
}
