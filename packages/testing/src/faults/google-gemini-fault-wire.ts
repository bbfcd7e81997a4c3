import {
  type GoogleGeminiClientOptions,
  googleGeminiWireFormat,
} from "../conformance/google-gemini-conformance-server.js";
import { createGeminiTextChunks, geminiErrorBody } from "../google-gemini-chunks.js";
import { type GoogleGeminiScript, startGoogleGeminiServer } from "../servers/google-gemini-server.js";
import { cutEventStream } from "./event-stream-cut.js";
import { type FaultScript, type FaultWire, RESET_PAUSE_MS } from "./fault-harness.js";

/** A text chunk whose JSON is cut off in the middle of a string. */
const MALFORMED_EVENT = 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"oops\r\n\r\n';

/**
 * The Gemini API wire format for the fault suite, on `startGoogleGeminiServer` (from
 * `@promptstream/testing`); its client is `{ apiKey, baseURL }` (see `GoogleGeminiClientOptions`).
 *
 * - HTTP errors carry Google's body `{error: {code, message, status}}`; a `retry-after-ms` or
 *   `retry-after` header of the script becomes the body's `google.rpc.RetryInfo` `retryDelay`
 *   (e.g. `"0.02s"`), since that is where Gemini says how long to wait (`@google/genai`'s
 *   `ApiError` keeps the body, in its message, and not the headers); the headers are sent too.
 * - The in-stream error: Gemini has no error event. A stream that fails once started sends Google's
 *   error object as a chunk, `data: {"error": {"code": 500, "message", "status": "INTERNAL"}}`, then
 *   ends; `@google/genai` throws it as an `ApiError` with `status: 500` and the message
 *   `got status: INTERNAL. {...}`.
 * - A stream "without its final event" lacks the chunk with the `finishReason` (and the final usage).
 * - A malformed chunk is a text chunk whose JSON is cut off: the SDK throws a `SyntaxError`.
 * - Function calls come whole, one chunk each: "tool-calls-cut" cuts the last call's chunk in its
 *   middle, so nothing of that call arrives (run the suite with `wholeToolCalls: true`).
 */
export const googleGeminiFaultWire: FaultWire<GoogleGeminiClientOptions> = {
  client: (url) => ({ apiKey: "gemini-faults-key", baseURL: url }),
  start: (answer) => startGoogleGeminiServer((request) => toGeminiScript(answer(request))),
};

function toGeminiScript(script: FaultScript): GoogleGeminiScript {
  switch (script.kind) {
    case "http-error":
      return {
        status: script.status,
        headers: script.headers,
        json: geminiErrorBody(script.status, script.message, retryDelayOf(script.headers)),
      };
    case "reset-before-headers":
      return { events: [], beforeHeaders: "reset" };
    case "stall-before-headers":
      return { events: [], beforeHeaders: "stall" };
    case "tool-calls-cut": {
      const calls = script.calls.map(({ id, name, argsText }) => ({ id, name, argsText }));
      const parts = script.pieces.length === 0 ? calls : [script.pieces.join(""), ...calls];
      const events = googleGeminiWireFormat.toolCallEvents?.(parts, { input: 11, output: 5 }, true) ?? [];
      return { events, endDelayMs: RESET_PAUSE_MS, resetAtEnd: true };
    }
    case "stream":
      break;
  }
  // One chunk per piece, then the final chunk with finishReason STOP and the usage.
  const chunks = createGeminiTextChunks(script.pieces.join(""), {
    split: () => [...script.pieces],
    usage: { promptTokenCount: 11, candidatesTokenCount: script.pieces.length },
  });
  return cutEventStream(chunks, script, {
    eventsBeforeText: 0,
    errorEvents: () => [geminiErrorBody(500, "Internal error encountered.")],
    malformedEvent: MALFORMED_EVENT,
  });
}

/** The `retryDelay` a script's `retry-after-ms` (first) or `retry-after` header (seconds) stands for. */
function retryDelayOf(headers: Readonly<Record<string, string>> | undefined): string | undefined {
  const ms = headers?.["retry-after-ms"];
  if (ms !== undefined && Number.isFinite(Number(ms))) return `${Number(ms) / 1000}s`;
  const seconds = headers?.["retry-after"];
  return seconds !== undefined && Number.isFinite(Number(seconds)) ? `${Number(seconds)}s` : undefined;
}
