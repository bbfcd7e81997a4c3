import { type RecordedRequest, type ScriptedResponse, startLoopbackServer } from "../servers/loopback-server.js";
import type {
  ConformanceFinishReason,
  ConformanceHandler,
  ConformanceIdentity,
  ConformanceScript,
  ConformanceServer,
  ConformanceToolCall,
  ConformanceUsage,
} from "./conformance-harness.js";

/** How a scripted answer ends; absent for an answer that is cut off or hangs. */
export interface ConformanceEnding {
  readonly finishReason: ConformanceFinishReason;
  readonly usage: ConformanceUsage;
}

/** One provider's wire format, for {@link startLoopbackConformanceServer}. */
export interface ConformanceWireFormat<TClient> {
  /** The client option that points the provider's SDK at a server listening on `url`. */
  client(url: string): TClient;
  /** Whether the request asks for a streamed answer. */
  isStreamed(request: RecordedRequest): boolean;
  /** The content type of a streamed answer. Default `text/event-stream` (SSE); e.g. `application/x-ndjson`. */
  readonly streamContentType?: string;
  /**
   * The framed stream events (e.g. SSE `data: ...\n\n`), one string per event, that stream the
   * pieces. Without an ending, only the events up to and including the last piece. `identity`,
   * where given, is the id and model the events carry (where the wire format has a place for them).
   */
  streamEvents(
    pieces: readonly string[],
    ending: ConformanceEnding | undefined,
    identity?: ConformanceIdentity,
  ): string[];
  /** The provider's JSON body for a whole, non-streamed answer, with `identity`'s id and model where given. */
  answerBody(text: string, ending: ConformanceEnding, identity?: ConformanceIdentity): unknown;
  /** The provider's JSON body for an HTTP error with this status and message. */
  errorBody(status: number, message: string): unknown;
  /**
   * Optional, for adapters with tools: the framed stream events of an answer that calls tools (text
   * and calls in order, each call's arguments in several fragments). With `cut`, only the events up
   * to the middle of the last call's arguments.
   */
  toolCallEvents?(parts: ReadonlyArray<string | ConformanceToolCall>, usage: ConformanceUsage, cut: boolean): string[];
  /**
   * Optional, for adapters with reasoning: the framed stream events of an answer that reasons in
   * `reasoning`'s pieces, signed with `signature` where the format signs reasoning, then answers
   * with `parts` (text and calls, as `toolCallEvents`).
   */
  reasoningEvents?(
    reasoning: readonly string[],
    signature: string,
    parts: ReadonlyArray<string | ConformanceToolCall>,
    usage: ConformanceUsage,
  ): string[];
  /** Optional, for adapters with tools: the JSON body of a whole answer that calls tools. */
  toolCallAnswerBody?(parts: ReadonlyArray<string | ConformanceToolCall>, usage: ConformanceUsage): unknown;
}

const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };
const JSON_HEADERS = { "content-type": "application/json" };
/** How long a `cut-after` answer waits after its last event before resetting the connection. */
const CUT_PAUSE_MS = 50;

/** Starts a loopback server that answers neutral scripts in the given wire format. */
export async function startLoopbackConformanceServer<TClient>(
  wireFormat: ConformanceWireFormat<TClient>,
): Promise<ConformanceServer<TClient>> {
  let handler: ConformanceHandler = () => {
    throw new Error("No conformance script: call server.script(...) before sending a request.");
  };
  const server = await startLoopbackServer((request) => toResponse(wireFormat, request, handler(request)));
  return {
    client: wireFormat.client(server.url),
    requests: server.requests,
    script(next) {
      handler = typeof next === "function" ? next : () => next;
    },
    close: () => server.close(),
  };
}

function toResponse<TClient>(
  wireFormat: ConformanceWireFormat<TClient>,
  request: RecordedRequest,
  script: ConformanceScript,
): ScriptedResponse {
  const streamed = wireFormat.isStreamed(request);
  const streamHeaders =
    wireFormat.streamContentType === undefined
      ? SSE_HEADERS
      : { ...SSE_HEADERS, "content-type": wireFormat.streamContentType };
  const headers = streamed ? streamHeaders : JSON_HEADERS;
  switch (script.kind) {
    case "http-error":
      return {
        status: script.status,
        headers: JSON_HEADERS,
        body: [JSON.stringify(wireFormat.errorBody(script.status, script.message))],
      };
    // A "text" script is its own ending (finish reason, usage) and identity (id, model).
    case "text": {
      if (!streamed)
        return { headers, body: [JSON.stringify(wireFormat.answerBody(script.pieces.join(""), script, script))] };
      const events = wireFormat.streamEvents(script.pieces, script, script);
      return { headers, body: script.inOneWrite === true ? [events.join("")] : events, pieceDelayMs: script.delayMs };
    }
    // A whole (non-streamed) answer cannot stop halfway: it hangs, or is reset, before its body.
    case "hang-after":
      return { headers, body: untilClosed(streamed ? wireFormat.streamEvents(script.pieces, undefined) : [], request) };
    case "cut-after":
      return {
        headers,
        body: thenPause(streamed ? wireFormat.streamEvents(script.pieces, undefined) : []),
        resetAtEnd: true,
      };
    case "reasoning": {
      if (wireFormat.reasoningEvents === undefined || !streamed) {
        throw new Error(
          "This conformance wire format cannot script reasoning: give it reasoningEvents (streamed only).",
        );
      }
      return {
        headers,
        body: wireFormat.reasoningEvents(script.reasoning, script.signature, script.parts, script.usage),
      };
    }
    case "tool-calls": {
      const { toolCallEvents, toolCallAnswerBody } = wireFormat;
      if (toolCallEvents === undefined || toolCallAnswerBody === undefined) {
        throw new Error(
          "This conformance wire format cannot script tool calls: give it toolCallEvents and toolCallAnswerBody.",
        );
      }
      if (!streamed) return { headers, body: [JSON.stringify(toolCallAnswerBody(script.parts, script.usage))] };
      const cut = script.cutInLastCall === true;
      const events = toolCallEvents(script.parts, script.usage, cut);
      return cut
        ? { headers, body: thenPause(events), resetAtEnd: true, pieceDelayMs: script.delayMs }
        : { headers, body: events, pieceDelayMs: script.delayMs };
    }
  }
}

/**
 * Yields the events, then gives the client time to read them before the connection is reset:
 * a reset right after the last write may drop it, or error the body before it is read.
 */
async function* thenPause(events: readonly string[]): AsyncGenerator<string> {
  yield* events;
  await new Promise((resolve) => setTimeout(resolve, CUT_PAUSE_MS));
}

/** Yields the events, then waits for the client to hang up before ending. */
async function* untilClosed(events: readonly string[], request: RecordedRequest): AsyncGenerator<string> {
  yield* events;
  await request.outcome;
  // The loopback server checks for a closed response before writing each piece: this one ends it quietly.
  yield "";
}

/** Whether a JSON request body holds `stream: true`, as both the OpenAI and the Anthropic APIs ask for a stream. */
export function bodyAsksForStream(request: RecordedRequest): boolean {
  return (request.body as { stream?: unknown } | undefined)?.stream === true;
}
