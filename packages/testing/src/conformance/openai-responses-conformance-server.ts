import { middleOfLastGroup } from "../middle-of-last-group.js";
import {
  createOpenAIResponsesTextEvents,
  createOpenAIResponsesToolCallEvents,
  type OpenAIResponsesScriptedToolCall,
} from "../openai-responses-events.js";
import { namedEvent } from "../servers/event-stream-script.js";
import type {
  ConformanceFinishReason,
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
import { openAIChatWireFormat } from "./openai-chat-conformance-server.js";

/** Before the first text delta: `response.created`, `response.in_progress`, `response.output_item.added`, `response.content_part.added`. */
export const RESPONSES_EVENTS_BEFORE_TEXT = 4;

/** How a neutral finish reason ends a Responses stream: `response.completed`, or `response.incomplete` with this reason. */
const INCOMPLETE_REASONS: Readonly<Record<ConformanceFinishReason, "max_output_tokens" | undefined>> = {
  stop: undefined,
  length: "max_output_tokens",
};

/**
 * The OpenAI Responses API wire format (`POST /v1/responses`): SSE `event: <type>` / `data: <event>`
 * pairs, ending with `response.completed` (or `response.incomplete` for `finishReason: "length"`),
 * no `[DONE]`; HTTP errors with OpenAI's `{error: {message, type, param, code}}` body.
 */
export const openAIResponsesWireFormat: ConformanceWireFormat<LoopbackClientOptions> = {
  client: openAIChatWireFormat.client,
  isStreamed: bodyAsksForStream,
  streamEvents(pieces, ending, identity) {
    const events = createOpenAIResponsesTextEvents(pieces.join(""), {
      id: identity?.id,
      model: identity?.model,
      split: () => [...pieces],
      incompleteReason: ending === undefined ? undefined : INCOMPLETE_REASONS[ending.finishReason],
      usage: ending === undefined ? undefined : responsesUsage(ending.usage),
    });
    // Without an ending: the events up to and including the last text delta.
    const sent = ending === undefined ? events.slice(0, RESPONSES_EVENTS_BEFORE_TEXT + pieces.length) : events;
    return sent.map(namedEvent);
  },
  answerBody(text, { finishReason, usage }, identity) {
    return finalResponse(
      createOpenAIResponsesTextEvents(text, {
        id: identity?.id,
        model: identity?.model,
        incompleteReason: INCOMPLETE_REASONS[finishReason],
        usage: responsesUsage(usage),
      }),
    );
  },
  errorBody: openAIChatWireFormat.errorBody,
  toolCallEvents(parts, usage, cut) {
    const events = createOpenAIResponsesToolCallEvents(parts.map(toResponsesPart), { usage: responsesUsage(usage) });
    const sent = cut ? events.slice(0, middleOfLastGroup(events, outputIndexOf)) : events;
    return sent.map(namedEvent);
  },
  reasoningEvents: (reasoning, signature, parts, usage) =>
    // The signature is the reasoning item's encrypted_content, which must come back in the next request.
    createOpenAIResponsesToolCallEvents(parts.map(toResponsesPart), {
      reasoningSummary: reasoning.join(""),
      reasoningEncryptedContent: signature,
      usage: responsesUsage(usage),
    }).map(namedEvent),
  toolCallAnswerBody: (parts, usage) =>
    finalResponse(createOpenAIResponsesToolCallEvents(parts.map(toResponsesPart), { usage: responsesUsage(usage) })),
};

/** The response object a non-streamed request gets: the one the stream's last event holds. */
function finalResponse(events: readonly object[]): unknown {
  return (events.at(-1) as { response: unknown }).response;
}

function outputIndexOf(event: object): number | undefined {
  return (event as { output_index?: number }).output_index;
}

function responsesUsage(usage: ConformanceUsage) {
  return { input_tokens: usage.input, output_tokens: usage.output };
}

/** A neutral call as the builder takes it: its `argsPieces`, or its `argsText` cut in 8-character fragments. */
function toResponsesPart(part: string | ConformanceToolCall): string | OpenAIResponsesScriptedToolCall {
  if (typeof part === "string") return part;
  return { id: part.id, name: part.name, arguments: part.argsPieces ?? part.argsText };
}

/**
 * Starts a conformance server speaking the OpenAI Responses API wire format (`POST /v1/responses`);
 * its `client` is `{ baseURL: "<url>/v1", apiKey, maxRetries: 0 }`, as the `openai` SDK takes it.
 */
export function openAIResponsesConformanceServer(): Promise<ConformanceServer<LoopbackClientOptions>> {
  return startLoopbackConformanceServer(openAIResponsesWireFormat);
}
