import { RESPONSES_EVENTS_BEFORE_TEXT } from "../conformance/openai-responses-conformance-server.js";
import { middleOfLastGroup } from "../middle-of-last-group.js";
import {
  createOpenAIResponsesErrorEvents,
  createOpenAIResponsesTextEvents,
  createOpenAIResponsesToolCallEvents,
} from "../openai-responses-events.js";
import { type OpenAIResponsesScript, startOpenAIResponsesServer } from "../servers/openai-responses-server.js";
import { cutEventStream } from "./event-stream-cut.js";
import { type FaultClientOptions, type FaultScript, type FaultWire, RESET_PAUSE_MS } from "./fault-harness.js";
import { openAIChatFaultWire, openAIErrorAnswer } from "./openai-chat-fault-wire.js";

/** A framed `response.output_text.delta` event whose JSON is cut off in the middle of a string. */
const MALFORMED_EVENT =
  'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_loopback_0","output_index":0,"content_index":0,"delta":"oops\n\n';

/**
 * The OpenAI Responses API wire format for the fault suite, on `startOpenAIResponsesServer` (from
 * `@promptstream/testing`): HTTP errors with OpenAI's error body; the in-stream error is an `error`
 * event followed by `response.failed`; a stream "without its final event" lacks `response.completed`;
 * a malformed event is a `response.output_text.delta` whose JSON is cut off.
 */
export const openAIResponsesFaultWire: FaultWire<FaultClientOptions> = {
  client: openAIChatFaultWire.client,
  start: (answer) => startOpenAIResponsesServer((request) => toResponsesScript(answer(request))),
};

function toResponsesScript(script: FaultScript): OpenAIResponsesScript {
  switch (script.kind) {
    case "http-error":
      return openAIErrorAnswer(script);
    case "reset-before-headers":
      return { events: [], beforeHeaders: "reset" };
    case "stall-before-headers":
      return { events: [], beforeHeaders: "stall" };
    case "tool-calls-cut": {
      const calls = script.calls.map(({ id, name, argsText }) => ({ id, name, arguments: argsText }));
      const parts = script.pieces.length === 0 ? calls : [script.pieces.join(""), ...calls];
      const events = createOpenAIResponsesToolCallEvents(parts);
      // Stop halfway through the last call's events (its item, its argument fragments, their end).
      const cutAt = middleOfLastGroup(events, (event) => (event as { output_index?: number }).output_index);
      return { events: events.slice(0, cutAt), endDelayMs: RESET_PAUSE_MS, resetAtEnd: true };
    }
    case "stream":
      break;
  }
  // response.created, response.in_progress, the message item's opening, one delta per piece, its
  // closing (text done, part done, item done), then response.completed.
  const events = createOpenAIResponsesTextEvents(script.pieces.join(""), {
    split: () => [...script.pieces],
    usage: { input_tokens: 11, output_tokens: script.pieces.length },
  });
  return cutEventStream(events, script, {
    eventsBeforeText: RESPONSES_EVENTS_BEFORE_TEXT,
    errorEvents: (sent) =>
      createOpenAIResponsesErrorEvents("The server had an error while processing your request.", {
        sequenceNumber: sent,
      }),
    malformedEvent: MALFORMED_EVENT,
  });
}
