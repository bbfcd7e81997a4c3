import { middleOfLastGroup } from "../middle-of-last-group.js";
import { createOpenAITextChunks, createOpenAIToolCallChunks, toolCallIndexOf } from "../openai-chunks.js";
import type {
  ConformanceServer,
  ConformanceToolCall,
  ConformanceUsage,
  LoopbackClientOptions,
} from "./conformance-harness.js";
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
  toolCallEvents(parts, usage, cut) {
    const chunks = createOpenAIToolCallChunks(parts.map(toOpenAIPart), {
      usage: openAIUsage(usage),
      splitArguments: (argsText) => piecesOf(parts, argsText),
    });
    // The role chunk, then each part's chunks, the finish chunk and the usage chunk: cut after the
    // first half of the last call's fragments.
    const sent = cut ? chunks.slice(0, middleOfLastGroup(chunks, toolCallIndexOf)) : chunks;
    const events = sent.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
    return cut ? events : [...events, "data: [DONE]\n\n"];
  },
  reasoningEvents(reasoning, _signature, parts, usage) {
    // Chat Completions signs nothing: OpenAI-compatible servers stream `reasoning_content` before the answer.
    const chunks = createOpenAIToolCallChunks(parts.map(toOpenAIPart), {
      reasoning: reasoning.join(""),
      usage: openAIUsage(usage),
    });
    return [...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), "data: [DONE]\n\n"];
  },
  toolCallAnswerBody: (parts, usage) => ({
    id: "chatcmpl-conformance",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4o-mini",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: parts.filter((part) => typeof part === "string").join("") || null,
          refusal: null,
          tool_calls: parts
            .filter((part): part is ConformanceToolCall => typeof part !== "string")
            .map(({ id, name, argsText }) => ({ id, type: "function", function: { name, arguments: argsText } })),
        },
        logprobs: null,
        finish_reason: "tool_calls",
      },
    ],
    usage: { ...openAIUsage(usage), total_tokens: usage.input + usage.output },
  }),
};

function toOpenAIPart(part: string | ConformanceToolCall) {
  return typeof part === "string" ? part : { id: part.id, name: part.name, arguments: part.argsText };
}

/** The fragments of the call whose arguments are `argsText`: its `argsPieces`, or 8 characters each, as OpenAI's default. */
function piecesOf(parts: ReadonlyArray<string | ConformanceToolCall>, argsText: string): string[] {
  const call = parts.find(
    (part): part is ConformanceToolCall => typeof part !== "string" && part.argsText === argsText,
  );
  return [...(call?.argsPieces ?? argsText.match(/[\s\S]{1,8}/g) ?? [])];
}

function openAIUsage(usage: ConformanceUsage) {
  return { prompt_tokens: usage.input, completion_tokens: usage.output };
}

/** Starts a conformance server speaking OpenAI's Chat Completions wire format (`POST /v1/chat/completions`). */
export function openAIChatConformanceServer(): Promise<ConformanceServer<LoopbackClientOptions>> {
  return startLoopbackConformanceServer(openAIChatWireFormat);
}
