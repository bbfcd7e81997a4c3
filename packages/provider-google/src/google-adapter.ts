import type { GenerateContentConfig, GoogleGenAI } from "@google/genai";
import type { AdapterV1, AdapterV1Request, AdapterV1Stream } from "@promptstream/core";
import { convertToGoogleContents } from "./convert-to-google-contents.js";
import { convertToGoogleOutput } from "./convert-to-google-output.js";
import { convertToGoogleTools } from "./convert-to-google-tools.js";
import { decodeGoogleStream, GoogleStreamState, throwIfFailed } from "./decode-google-stream.js";
import type { GoogleCallParams } from "./google-call-params.js";
import {
  createGoogleCallResponse,
  createStreamedGoogleCallResponse,
  type GoogleCallResponse,
} from "./google-call-response.js";
import type { GoogleCallResponseChunk } from "./google-call-response-chunk.js";
import { GOOGLE_MEDIA_INPUT } from "./google-media-input.js";
import { mapGoogleCallParams, validateGoogleCallParams } from "./map-google-call-params.js";
import { mapGoogleError } from "./map-google-error.js";
import { apiKeyOf, type GoogleClientOption, resolveGoogleClient } from "./resolve-google-client.js";

type GoogleRequest = AdapterV1Request<GoogleCallParams, GoogleClientOption>;

/**
 * The Gemini adapter: core's provider-neutral requests sent through the official
 * `@google/genai` SDK (`models.generateContentStream` / `generateContent`), which builds,
 * authenticates and sends them, and parses the stream.
 */
export const googleAdapter: AdapterV1<
  GoogleCallParams,
  GoogleCallResponseChunk,
  GoogleCallResponse,
  GoogleClientOption
> = {
  specificationVersion: "v1",
  provider: "google",
  supportsTools: true,
  supportsReasoning: true,
  outputModes: ["json_schema", "json"],
  mediaInput: GOOGLE_MEDIA_INPUT,
  validateParams(params, context) {
    validateGoogleCallParams(params);
    // Params that clash with the prompt's tools or output fail here, before anything is sent.
    convertToGoogleTools(context?.tools, params);
    convertToGoogleOutput(context?.output, params);
  },

  async doCall(request: GoogleRequest): Promise<GoogleCallResponse> {
    const body = await toBody(request);
    let client: GoogleGenAI | undefined;
    try {
      client = await resolveGoogleClient(request.client);
      const response = await client.models.generateContent(body);
      throwIfFailed(response);
      return createGoogleCallResponse(response);
    } catch (error) {
      throw mapGoogleError(error, { apiKey: apiKeyOf(client) });
    }
  },

  async doStream(request: GoogleRequest): Promise<AdapterV1Stream<GoogleCallResponseChunk, GoogleCallResponse>> {
    // The request's own signal, so that the stream can close its body after the last chunk (below)
    // without aborting core's; core's abort still reaches it.
    const bodyController = new AbortController();
    const forwardAbort = () => bodyController.abort(request.signal.reason);
    if (request.signal.aborted) forwardAbort();
    else request.signal.addEventListener("abort", forwardAbort, { once: true });
    const release = () => {
      request.signal.removeEventListener("abort", forwardAbort);
      bodyController.abort();
    };
    // A part Gemini cannot take fails here, as itself (a ContentPartError), before anything is sent.
    const body = await toBody(request, bodyController.signal).catch((error: unknown) => {
      release();
      throw error;
    });
    let client: GoogleGenAI | undefined;
    let stream: AsyncIterable<Awaited<ReturnType<GoogleGenAI["models"]["generateContent"]>>>;
    try {
      client = await resolveGoogleClient(request.client);
      stream = await client.models.generateContentStream(body);
    } catch (error) {
      release();
      throw mapGoogleError(error, { apiKey: apiKeyOf(client) });
    }
    const state = new GoogleStreamState();
    return {
      chunks: decodeGoogleStream(stream, state, apiKeyOf(client), release),
      createResponse: (summary) => createStreamedGoogleCallResponse(summary, state),
    };
  },
};

/** `generateContent`'s parameters: the model, the conversation and the config. */
async function toBody(request: GoogleRequest, signal: AbortSignal = request.signal) {
  const { model, config: fields } = mapGoogleCallParams(request.params);
  // Async: inline images and documents may be Blobs to read.
  const { systemInstruction, contents } = await convertToGoogleContents(request.messages);
  const config: GenerateContentConfig = {
    ...fields,
    ...convertToGoogleTools(request.tools, request.params),
    ...convertToGoogleOutput(request.output, request.params),
    // The SDK's automatic function calling runs callable tools itself: core runs the tools.
    automaticFunctionCalling: { disable: true },
    // `fetch` gets the signal: core aborts it when the consumer stops or leaves early.
    abortSignal: signal,
    // One attempt: core retries (before the first chunk only), so that there is one retry policy.
    httpOptions: { retryOptions: { attempts: 1 } },
  };
  if (systemInstruction !== undefined) config.systemInstruction = systemInstruction;
  return { model, contents, config };
}
