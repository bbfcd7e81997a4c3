import { createAnthropicTextEvents, createAnthropicToolUseEvents } from "../anthropic-events.js";
import { middleOfLastGroup } from "../middle-of-last-group.js";
import { type AnthropicMessagesScript, startAnthropicMessagesServer } from "../servers/anthropic-messages-server.js";
import { cutEventStream } from "./event-stream-cut.js";
import { type FaultClientOptions, type FaultScript, type FaultWire, RESET_PAUSE_MS } from "./fault-harness.js";

/** Anthropic's error `type` for the statuses the suite scripts. */
const ERROR_TYPES_BY_STATUS: Readonly<Record<number, string>> = {
  401: "authentication_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  503: "overloaded_error",
  529: "overloaded_error",
};

/** A framed `content_block_delta` event whose JSON is cut off in the middle of a string. */
const MALFORMED_EVENT =
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"oops\n\n';

/** Before the first text delta: `message_start`, `content_block_start` and a `ping`. */
const EVENTS_BEFORE_TEXT = 3;

/** The Anthropic Messages wire format for the fault suite, on `startAnthropicMessagesServer` (from `@promptstream/testing`). */
export const anthropicMessagesFaultWire: FaultWire<FaultClientOptions> = {
  client: (url) => ({ baseURL: url, apiKey: "sk-ant-faults", maxRetries: 0, logLevel: "off" }),
  start: (answer) => startAnthropicMessagesServer((request) => toAnthropicScript(answer(request))),
};

function toAnthropicScript(script: FaultScript): AnthropicMessagesScript {
  switch (script.kind) {
    case "http-error": {
      const type =
        ERROR_TYPES_BY_STATUS[script.status] ?? (script.status >= 500 ? "api_error" : "invalid_request_error");
      return {
        status: script.status,
        headers: { "request-id": "req_faults", ...script.headers },
        json: { type: "error", error: { type, message: script.message }, request_id: "req_faults" },
      };
    }
    case "reset-before-headers":
      return { events: [], beforeHeaders: "reset" };
    case "stall-before-headers":
      return { events: [], beforeHeaders: "stall" };
    case "tool-calls-cut": {
      const blocks = script.calls.map(({ id, name, argsText }) => ({ id, name, input: argsText }));
      const events = createAnthropicToolUseEvents([script.pieces.join(""), ...blocks]);
      // Stop halfway through the last tool_use block's events (its start, its input fragments, its stop).
      const cutAt = middleOfLastGroup(events, (event) => (event as { index?: number }).index);
      return { events: events.slice(0, cutAt), endDelayMs: RESET_PAUSE_MS, resetAtEnd: true };
    }
    case "stream":
      break;
  }
  // message_start, content_block_start, ping, one delta per piece, content_block_stop, message_delta, message_stop.
  const events = createAnthropicTextEvents(script.pieces.join(""), {
    split: () => [...script.pieces],
    usage: { input_tokens: 11, output_tokens: script.pieces.length },
  });
  return cutEventStream(events, script, {
    eventsBeforeText: EVENTS_BEFORE_TEXT,
    errorEvents: () => [{ type: "error", error: { type: "api_error", message: "Internal server error" } }],
    malformedEvent: MALFORMED_EVENT,
  });
}
