import type { ScriptedResponse } from "./loopback-server.js";

/**
 * How a loopback server for a wire format of named SSE events (`event: <type>\ndata: <json>\n\n`: Anthropic
 * Messages, the OpenAI Responses API) answers one request.
 */
export type EventStreamScript =
  | {
      /** Stream these events as `event: <type>\ndata: <json>\n\n`. Strings are sent as they are (for malformed data). */
      readonly events: ReadonlyArray<object | string>;
      /** A pause between events, in milliseconds. */
      readonly eventDelayMs?: number;
      /** Destroy the socket after the events instead of ending the response. */
      readonly resetAtEnd?: boolean;
      /** A pause after the last event, before the response ends, is reset or stalls, in milliseconds. */
      readonly endDelayMs?: number;
      /** After the events, send nothing more until the client hangs up. */
      readonly stallAtEnd?: boolean;
      /** A fault before the status line, instead of the events: `"reset"` the socket, or `"stall"` until the client hangs up. */
      readonly beforeHeaders?: "reset" | "stall";
    }
  | {
      /** Already framed SSE text (a recorded `*.sse` file), sent byte for byte. */
      readonly sse: string;
      /**
       * Where to cut the body into separately written pieces: a number of pieces cut at random
       * UTF-8 byte offsets, or the byte offsets themselves (see {@link splitAtByteOffsets}).
       */
      readonly split?: number | readonly number[];
      /** A pause between pieces, in milliseconds. */
      readonly pieceDelayMs?: number;
      /** Destroy the socket after the body instead of ending the response. */
      readonly resetAtEnd?: boolean;
    }
  | {
      /** Answer with this JSON body (a whole answer, or the provider's error body with an error status). */
      readonly json: unknown;
      readonly status?: number;
      /** Extra headers, such as `request-id` or `retry-after-ms`. */
      readonly headers?: Readonly<Record<string, string>>;
    };

/**
 * Cuts `text` at the given byte offsets of its UTF-8 encoding. A cut inside a multi-byte
 * character moves to that character's end, because the loopback server writes strings and
 * half a character would not survive being one; empty pieces are dropped.
 */
export function splitAtByteOffsets(text: string, offsets: readonly number[]): string[] {
  const bytes = Buffer.from(text, "utf8");
  const cuts = new Set([0, bytes.length]);
  for (const offset of offsets) {
    let cut = Math.min(Math.max(Math.trunc(offset), 0), bytes.length);
    while (cut < bytes.length && (bytes.readUInt8(cut) & 0xc0) === 0x80) cut += 1;
    cuts.add(cut);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(1).map((end, i) => bytes.subarray(sorted[i], end).toString("utf8"));
}

/** `pieces - 1` random byte offsets inside `text`'s UTF-8 encoding; pass a seeded `random` to replay a failure. */
export function randomByteOffsets(text: string, pieces: number, random: () => number = Math.random): number[] {
  const length = Buffer.byteLength(text, "utf8");
  if (length < 2) return [];
  return Array.from({ length: Math.max(pieces - 1, 0) }, () => 1 + Math.floor(random() * (length - 1)));
}

/**
 * The loopback server's response for a script: JSON, recorded SSE text, or events framed by `frame`
 * (by default as named SSE events).
 */
export function eventStreamResponse(
  script: EventStreamScript,
  frame: (event: object) => string = namedEvent,
): ScriptedResponse {
  if ("json" in script) {
    return {
      status: script.status ?? 200,
      headers: { "content-type": "application/json", ...script.headers },
      body: [JSON.stringify(script.json)],
    };
  }
  const headers = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
  if ("sse" in script) {
    const offsets =
      typeof script.split === "number" ? randomByteOffsets(script.sse, script.split) : (script.split ?? []);
    return {
      headers,
      body: splitAtByteOffsets(script.sse, offsets),
      pieceDelayMs: script.pieceDelayMs,
      resetAtEnd: script.resetAtEnd,
    };
  }
  return {
    headers,
    body: sseEvents(script.events, frame),
    pieceDelayMs: script.eventDelayMs,
    resetAtEnd: script.resetAtEnd,
    endDelayMs: script.endDelayMs,
    stallAtEnd: script.stallAtEnd,
    beforeHeaders: script.beforeHeaders,
  };
}

function* sseEvents(events: ReadonlyArray<object | string>, frame: (event: object) => string): Generator<string> {
  for (const event of events) yield typeof event === "string" ? event : frame(event);
}

/**
 * One event framed as `event: <its type>\ndata: <its JSON>\n\n`. Without a string `type` there is no
 * event name: the data line alone, as a malformed event.
 */
export function namedEvent(event: object): string {
  const type: unknown = (event as { type?: unknown }).type;
  const eventLine = typeof type === "string" ? `event: ${type}\n` : "";
  return `${eventLine}data: ${JSON.stringify(event)}\n\n`;
}
