import { middleOfLastGroup } from "../middle-of-last-group.js";
import { createOpenAITextChunks, createOpenAIToolCallChunks, toolCallIndexOf } from "../openai-chunks.js";
import { type OpenAIChatScript, startOpenAIChatServer } from "../servers/openai-chat-server.js";
import { type FaultClientOptions, type FaultScript, type FaultWire, RESET_PAUSE_MS } from "./fault-harness.js";

/** OpenAI's error `type` and `code` for the statuses the suite scripts. */
const ERRORS_BY_STATUS: Readonly<Record<number, { type: string; code: string | null }>> = {
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
  500: { type: "server_error", code: null },
  503: { type: "server_error", code: null },
};

/** A chunk whose JSON is cut off in the middle of a string. */
const MALFORMED_CHUNK =
  '{"id":"chatcmpl-loopback","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"oops';

/** The OpenAI Chat Completions wire format for the fault suite, on `startOpenAIChatServer` (from `@promptstream/testing`). */
export const openAIChatFaultWire: FaultWire<FaultClientOptions> = {
  client: (url) => ({ baseURL: `${url}/v1`, apiKey: "sk-faults", maxRetries: 0, logLevel: "off" }),
  start: (answer) => startOpenAIChatServer((request) => toOpenAIScript(answer(request))),
};

/** An `http-error` script's answer with OpenAI's error body, `{error: {message, type, param, code}}`: for every OpenAI wire. */
export function openAIErrorAnswer(script: Extract<FaultScript, { kind: "http-error" }>) {
  const { type, code } = ERRORS_BY_STATUS[script.status] ?? { type: "server_error", code: null };
  return {
    status: script.status,
    headers: script.headers,
    json: { error: { message: script.message, type, param: null, code } },
  };
}

function toOpenAIScript(script: FaultScript): OpenAIChatScript {
  switch (script.kind) {
    case "http-error":
      return openAIErrorAnswer(script);
    case "reset-before-headers":
      return { chunks: [], beforeHeaders: "reset" };
    case "stall-before-headers":
      return { chunks: [], beforeHeaders: "stall" };
    case "tool-calls-cut": {
      const calls = script.calls.map(({ id, name, argsText }) => ({ id, name, arguments: argsText }));
      const chunks = createOpenAIToolCallChunks([script.pieces.join(""), ...calls]);
      // The role chunk, a chunk per word, the calls' fragments: stop halfway through the last call's.
      return {
        chunks: chunks.slice(0, middleOfLastGroup(chunks, toolCallIndexOf)),
        done: false,
        endDelayMs: RESET_PAUSE_MS,
        resetAtEnd: true,
      };
    }
    case "stream":
      break;
  }
  // The role chunk, one chunk per piece, the finish reason chunk, the usage chunk.
  const chunks = createOpenAITextChunks(script.pieces.join(""), {
    split: () => [...script.pieces],
    usage: { prompt_tokens: 11, completion_tokens: script.pieces.length },
  });
  const { cut } = script;
  if (cut === undefined) return { chunks, stallAtEnd: script.holdOpen };
  const sent = cut.after === 0 ? [] : chunks.slice(0, 1 + cut.after);
  switch (cut.how) {
    case "truncate":
      return { chunks: sent, done: false };
    case "reset":
      return { chunks: sent, done: false, endDelayMs: RESET_PAUSE_MS, resetAtEnd: true };
    case "stall":
      return { chunks: sent, done: false, stallAtEnd: true };
    case "error-event": {
      const error = {
        message: "The server had an error while processing your request.",
        type: "server_error",
        param: null,
        code: null,
      };
      return { chunks: [...sent, { error }], done: false };
    }
    case "malformed":
      return { chunks: [...chunks.slice(0, 1 + cut.after), MALFORMED_CHUNK, ...chunks.slice(1 + cut.after)] };
  }
}
