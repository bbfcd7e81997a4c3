import { createOpenAITextChunks } from "../openai-chunks.js";
import type { ConformanceServer, LoopbackClientOptions } from "./conformance-harness.js";
import {
  bodyAsksForStream,
  type ConformanceWireFormat,
  startLoopbackConformanceServer,
} from "./loopback-conformance-server.js";

/** OpenAI's error `type` and `code` for the statuses it answers with. */
const ERRORS_BY_STATUS: Readonly<Record<number, readonly [type: string, code: string | null]>> = {
  401: ["invalid_request_error", "invalid_api_key"],
  404: ["invalid_request_error", "model_not_found"],
  429: ["requests", "rate_limit_exceeded"],
};

/** The OpenAI Chat Completions wire format: SSE `data: <chunk>` events ending with `data: [DONE]`. */
export const openAIChatWireFormat: ConformanceWireFormat<LoopbackClientOptions> = {
  client: (url) => ({ baseURL: `${url}/v1`, apiKey: "sk-conformance", maxRetries: 0 }),
  isStreamed: bodyAsksForStream,
  streamEvents(pieces, ending, identity) {
    const chunks = createOpenAITextChunks(pieces.join(""), {
      id: identity?.id,
      model: identity?.model,
      split: () => [...pieces],
      finishReason: ending?.finishReason,
      usage:
        ending === undefined ? false : { prompt_tokens: ending.usage.input, completion_tokens: ending.usage.output },
    });
    // Without an ending: the role chunk and one chunk per piece, no finish reason, usage or [DONE].
    const sent = ending === undefined ? chunks.slice(0, 1 + pieces.length) : chunks;
    const events = sent.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
    return ending === undefined ? events : [...events, "data: [DONE]\n\n"];
  },
  answerBody: (text, { finishReason, usage }, identity) => ({
    id: identity?.id ?? "chatcmpl-conformance",
    object: "chat.completion",
    created: 1_700_000_000,
    model: identity?.model ?? "gpt-4o-mini",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  }),
  errorBody(status, message) {
    const [type, code] =
      ERRORS_BY_STATUS[status] ?? (status >= 500 ? ["server_error", null] : ["invalid_request_error", null]);
    return { error: { message, type, param: null, code } };
  },
};

/** Starts a conformance server speaking OpenAI's Chat Completions wire format (`POST /v1/chat/completions`). */
export function openAIChatConformanceServer(): Promise<ConformanceServer<LoopbackClientOptions>> {
  return startLoopbackConformanceServer(openAIChatWireFormat);
}
