import type { Anthropic } from "@anthropic-ai/sdk/client";
import type { AdapterV1, AdapterV1Request, AdapterV1Stream } from "@promptstream/core";
import { AnthropicMessageAccumulator } from "./accumulate-anthropic-message.js";
import { refuseTooManyCacheBreakpoints } from "./anthropic-cache-control.js";
import type { AnthropicCallParams } from "./anthropic-call-params.js";
import { type AnthropicCallResponse, createAnthropicCallResponse } from "./anthropic-call-response.js";
import type { AnthropicCallResponseChunk } from "./anthropic-call-response-chunk.js";
import { anthropicMediaInput } from "./anthropic-media-input.js";
import { convertToAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { convertToAnthropicOutput } from "./convert-to-anthropic-output.js";
import { convertToAnthropicTools } from "./convert-to-anthropic-tools.js";
import { decodeAnthropicStream } from "./decode-anthropic-stream.js";
import { mapAnthropicCallParams, validateAnthropicCallParams } from "./map-anthropic-call-params.js";
import { mapAnthropicError } from "./map-anthropic-error.js";
import { type AnthropicClientOption, resolveAnthropicClient } from "./resolve-anthropic-client.js";
import { validateAnthropicReasoning } from "./validate-anthropic-reasoning.js";

type AnthropicRequest = AdapterV1Request<AnthropicCallParams, AnthropicClientOption>;

/**
 * The Anthropic Messages adapter: core's provider-neutral requests sent through the official
 * `@anthropic-ai/sdk`, which builds, authenticates and sends them.
 */
export const anthropicAdapter: AdapterV1<
  AnthropicCallParams,
  AnthropicCallResponseChunk,
  AnthropicCallResponse,
  AnthropicClientOption
> = {
  specificationVersion: "v1",
  provider: "anthropic",
  supportsTools: true,
  outputModes: ["json_schema", "tool"],
  mediaInput: anthropicMediaInput,
  supportsReasoning: true,
  validateParams(params, context) {
    validateAnthropicCallParams(params);
    validateAnthropicReasoning(params, context);
    // Params that clash with the prompt's tools or output fail here, from stream() and call(), before anything is sent.
    convertToAnthropicTools(context?.tools, params);
    convertToAnthropicOutput(context?.output, params);
  },

  async doCall(request: AnthropicRequest): Promise<AnthropicCallResponse> {
    // Built before the try: a params error (native tools beside the prompt's) is the user's, not the API's.
    const body = await toBody(request);
    let client: Anthropic | undefined;
    try {
      client = await resolveAnthropicClient(request.client);
      const message = await client.messages.create({ ...body, stream: false }, { signal: request.signal });
      return createAnthropicCallResponse(message, undefined, undefined, { name: outputToolOf(request) });
    } catch (error) {
      throw mapAnthropicError(error, { apiKey: client?.apiKey, baseURL: client?.baseURL });
    }
  },

  async doStream(
    request: AnthropicRequest,
  ): Promise<AdapterV1Stream<AnthropicCallResponseChunk, AnthropicCallResponse>> {
    const body = await toBody(request);
    let client: Anthropic | undefined;
    let response: Response;
    try {
      client = await resolveAnthropicClient(request.client);
      // The SDK builds, authenticates and sends the request; the body is decoded here (see decodeAnthropicStream).
      response = await client.messages.create({ ...body, stream: true }, { signal: request.signal }).asResponse();
    } catch (error) {
      throw mapAnthropicError(error, { apiKey: client?.apiKey, baseURL: client?.baseURL });
    }
    const outputTool = outputToolOf(request);
    const accumulator = new AnthropicMessageAccumulator(outputTool);
    return {
      chunks: decodeAnthropicStream(response, accumulator, client.apiKey, outputTool),
      createResponse: (summary) =>
        createAnthropicCallResponse(accumulator.toMessage(summary), accumulator.fallback, summary.rawToolCalls ?? [], {
          name: outputTool,
          streamedText: outputTool === undefined ? undefined : summary.content,
        }),
    };
  },
};

/**
 * The request body without `stream`: the params, the prompt's tools and output, the system prompt
 * and the messages (media read here, so it is async). Throws before anything is sent for what
 * the API would refuse (too many cache breakpoints, a part only this conversion can judge).
 */
async function toBody(request: AnthropicRequest) {
  const params = mapAnthropicCallParams(request.params);
  const output = convertToAnthropicOutput(request.output, request.params);
  refuseTooManyCacheBreakpoints(request.messages, request.params.cache_control);
  const fields = {
    ...params,
    ...convertToAnthropicTools(request.tools, request.params),
    ...output,
    // The output's format joins what the params set there (native fields, the reasoning's effort).
    ...(output.output_config === undefined
      ? {}
      : { output_config: { ...params.output_config, ...output.output_config } }),
  };
  const { system, messages } = await convertToAnthropicMessages(request.messages);
  return system === undefined ? { ...fields, messages } : { ...fields, system, messages };
}

/** The tool whose input is the answer, in `tool` mode: its JSON streams as the chunks' `content`. */
function outputToolOf(request: AnthropicRequest): string | undefined {
  return request.output?.mode === "tool" ? request.output.name : undefined;
}
