import type { OutputMode } from "@promptstream/core";
import type { ConformancePromptFactory } from "../conformance/conformance-harness.js";
import type { LoopbackServer, RecordedRequest } from "../servers/loopback-server.js";

/**
 * How a streamed answer breaks off, in neutral terms: after its first `after` text pieces
 * (for `"truncate"`, `"reset"` and `"stall"` with `after: 0`, before any event at all: the
 * headers came, then nothing), the stream
 *
 * - `"truncate"`: ends cleanly without the provider's final event (OpenAI: no `finish_reason`
 *   chunk, no usage, no `[DONE]`; Anthropic: no `message_stop`, and with every piece sent,
 *   everything but `message_stop`);
 * - `"reset"`: is cut by a reset connection, after a short pause that lets the client read the pieces;
 * - `"malformed"`: sends an event whose JSON is cut off, then the rest of the stream as normal;
 * - `"stall"`: sends nothing more, holding the connection open, until the client hangs up;
 * - `"error-event"`: sends the provider's in-stream error event for a server error (OpenAI: a
 *   `data: {"error": {type: "server_error"}}` chunk; Anthropic: `event: error` with an
 *   `api_error`), then ends the response.
 */
export interface FaultCut {
  readonly after: number;
  readonly how: "truncate" | "reset" | "malformed" | "stall" | "error-event";
}

/** How a fault server answers one request, whatever the provider's wire format. */
export type FaultScript =
  | {
      /** A streamed answer of these text pieces, finish reason "stop"; whole unless `cut`. */
      readonly kind: "stream";
      readonly pieces: readonly string[];
      readonly cut?: FaultCut;
      /** With no `cut`: after the whole stream, final event included, hold the connection open until the client hangs up. */
      readonly holdOpen?: boolean;
    }
  | {
      /** This status with the provider's own error body holding `message`, and these headers (e.g. `retry-after-ms`). */
      readonly kind: "http-error";
      readonly status: number;
      readonly message: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | {
      /**
       * The text pieces, then the calls (each `{ id, name, argsText }`), the last one cut off in the
       * middle of its arguments by a reset connection, after a pause that lets the client read.
       */
      readonly kind: "tool-calls-cut";
      readonly pieces: readonly string[];
      readonly calls: ReadonlyArray<{ readonly id: string; readonly name: string; readonly argsText: string }>;
    }
  /** Reads the request, then resets the connection without answering. */
  | { readonly kind: "reset-before-headers" }
  /** Reads the request, then sends nothing (not even headers) until the client hangs up. */
  | { readonly kind: "stall-before-headers" };

/** One provider's wire format, as the fault suite scripts it: built on the loopback servers. */
export interface FaultWire<TClient> {
  /**
   * The `client` option that points the provider's SDK at `url` (a loopback server's root URL,
   * or one where nothing listens), with the SDK's retries and logging off.
   */
  client(url: string): TClient;
  /** Starts a loopback server speaking the wire format, answering each request with the script `answer` returns. */
  start(answer: (request: RecordedRequest) => FaultScript): Promise<LoopbackServer>;
}

/** What an adapter supplies to run the fault-injection suite against it. */
export interface FaultHarness<TClient> {
  /** The name the suite is reported under and the `provider` its errors carry, e.g. `"openai"`. */
  readonly name: string;
  /** The adapter's prompt factory, e.g. `OpenAIPrompt`. */
  readonly Prompt: ConformancePromptFactory<TClient>;
  /** How to script the adapter's wire format, e.g. `openAIChatFaultWire`. */
  readonly wire: FaultWire<TClient>;
  /**
   * Scenarios known to fail, by name, with the bug they show: run as `it.fails`, so that the
   * suite stays green until the bug is fixed, and then says so.
   */
  readonly knownBugs?: Readonly<Record<string, string>>;
  /** The adapter supports tools and its wire can script tool calls: the tool-call scenarios run too. */
  readonly supportsTools?: boolean | undefined;
  /**
   * The wire format sends each tool call whole, in one event (Gemini): a cut in the last call's
   * event then loses that call, instead of keeping it as an incomplete call.
   */
  readonly wholeToolCalls?: boolean | undefined;
  /**
   * The structured-output modes the adapter declares (its `outputModes`): the scenario that cuts
   * a structured answer's JSON runs in each, and in `json` mode, which every adapter supports.
   */
  readonly outputModes?: readonly OutputMode[] | undefined;
}

/** The client options the built-in fault wires hand out: fit for both the `openai` and `@anthropic-ai/sdk` clients. */
export interface FaultClientOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly maxRetries: 0;
  /** The SDKs log a malformed event with `console.error` before throwing; the suite expects that event. */
  readonly logLevel: "off";
}

/** How long a `"reset"` cut waits after its last event, so that the client has read everything before the reset. */
export const RESET_PAUSE_MS = 50;
