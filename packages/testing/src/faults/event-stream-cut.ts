import type { EventStreamScript } from "../servers/event-stream-script.js";
import { type FaultScript, RESET_PAUSE_MS } from "./fault-harness.js";

/** How a wire of named SSE events (Anthropic Messages, OpenAI Responses) breaks a stream off. */
export interface EventStreamBreaks {
  /** How many events come before the first text delta (the message's and its first block's opening). */
  readonly eventsBeforeText: number;
  /** The provider's in-stream error events for a server error, after `sent` events. */
  errorEvents(sent: number): ReadonlyArray<object>;
  /** A framed text delta event whose JSON is cut off. */
  readonly malformedEvent: string;
}

/**
 * A `"stream"` fault script, whole or cut as its `cut` says, for a wire of named SSE events:
 * `events` are the whole stream's, one text delta per piece after `eventsBeforeText` events, the
 * last event the final one.
 */
export function cutEventStream(
  events: readonly object[],
  script: Extract<FaultScript, { kind: "stream" }>,
  breaks: EventStreamBreaks,
): EventStreamScript {
  const { cut } = script;
  if (cut === undefined) return { events, stallAtEnd: script.holdOpen };
  const throughPieces = breaks.eventsBeforeText + cut.after;
  const sent = cut.after === 0 ? [] : events.slice(0, throughPieces);
  switch (cut.how) {
    case "truncate":
      // With every piece sent, the stream lacks only its final event.
      return { events: cut.after === script.pieces.length ? events.slice(0, -1) : sent };
    case "reset":
      return { events: sent, endDelayMs: RESET_PAUSE_MS, resetAtEnd: true };
    case "stall":
      return { events: sent, stallAtEnd: true };
    case "error-event":
      return { events: [...sent, ...breaks.errorEvents(sent.length)] };
    case "malformed":
      return {
        events: [...events.slice(0, throughPieces), breaks.malformedEvent, ...events.slice(throughPieces)],
      };
  }
}
