import {
  createAnthropicMessageEvents,
  createAnthropicTextEvents,
  createAnthropicToolUseEvents,
} from "../anthropic-events.js";
import { middleOfLastGroup } from "../middle-of-last-group.js";
import type { ConformanceFinishReason, ConformanceServer, LoopbackClientOptions } from "./conformance-harness.js";
import {
  bodyAsksForStream,
  type ConformanceWireFormat,
  startLoopbackConformanceServer,
} from "./loopback-conformance-server.js";

/** Anthropic's `stop_reason` for each neutral finish reason. */
const STOP_REASONS: Readonly<Record<ConformanceFinishReason, string>> = { stop: "end_turn", length: "max_tokens" };

/** Anthropic's error `type` for the statuses it answers with. */
const ERROR_TYPES_BY_STATUS: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** The Anthropic Messages wire format: SSE `event: <type>` / `data: <event>` pairs. */
export const anthropicMessagesWireFormat: ConformanceWireFormat<LoopbackClientOptions> = {
  client: (url) => ({ baseURL: url, apiKey: "sk-ant-conformance", maxRetries: 0 }),
  isStreamed: bodyAsksForStream,
  streamEvents(pieces, ending, identity) {
    const events = createAnthropicTextEvents(pieces.join(""), {
      id: identity?.id,
      model: identity?.model,
      split: () => [...pieces],
      stopReason: ending === undefined ? undefined : STOP_REASONS[ending.finishReason],
      usage:
        ending === undefined ? undefined : { input_tokens: ending.usage.input, output_tokens: ending.usage.output },
    });
    // Without an ending: message_start, content_block_start, ping and one delta per piece.
    const sent = ending === undefined ? events.slice(0, 3 + pieces.length) : events;
    return sent.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
  },
  answerBody: (text, { finishReason, usage }, identity) => ({
    id: identity?.id ?? "msg_conformance",
    type: "message",
    role: "assistant",
    model: identity?.model ?? "claude-haiku-4-5",
    content: [{ type: "text", text, citations: null }],
    stop_reason: STOP_REASONS[finishReason],
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  }),
  errorBody: (status, message) => ({
    type: "error",
    error: { type: ERROR_TYPES_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"), message },
    request_id: "req_conformance",
  }),
  toolCallEvents(parts, usage, cut) {
    const blocks = parts.map((part) =>
      typeof part === "string"
        ? part
        : {
            id: part.id,
            name: part.name,
            // Anthropic opens a call's input with an empty fragment.
            ...(part.argsPieces !== undefined
              ? { input: ["", ...part.argsPieces] }
              : part.argsText === ""
                ? {}
                : { input: part.argsText }),
          },
    );
    const events = createAnthropicToolUseEvents(blocks, {
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    });
    const sent = cut
      ? events.slice(
          0,
          middleOfLastGroup(events, (event) => (event as { index?: number }).index),
        )
      : events;
    return sent.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
  },
  reasoningEvents(reasoning, signature, parts, usage) {
    const thinking = { type: "thinking" as const, thinking: reasoning.join(""), signature };
    const blocks = parts.map((part) =>
      typeof part === "string"
        ? part
        : { id: part.id, name: part.name, input: part.argsText === "" ? undefined : part.argsText },
    );
    const events = createAnthropicMessageEvents([thinking, ...blocks], {
      split: (text) => (text === thinking.thinking ? [...reasoning] : [text]),
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    });
    return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
  },
  toolCallAnswerBody: (parts, usage) => ({
    id: "msg_conformance",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5",
    content: parts.map((part) =>
      typeof part === "string"
        ? { type: "text", text: part, citations: null }
        : {
            type: "tool_use",
            id: part.id,
            name: part.name,
            input: part.argsText === "" ? {} : JSON.parse(part.argsText),
          },
    ),
    stop_reason: "tool_use",
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  }),
};

/** Starts a conformance server speaking Anthropic's Messages wire format (`POST /v1/messages`). */
export function anthropicMessagesConformanceServer(): Promise<ConformanceServer<LoopbackClientOptions>> {
  return startLoopbackConformanceServer(anthropicMessagesWireFormat);
}
