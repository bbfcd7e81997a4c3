/**
 * Test support: a loopback server that speaks Ollama's `/api/chat` wire format (NDJSON lines,
 * or one JSON body), and the same format for the provider conformance suite. It imports no
 * vitest, so the demo can use it.
 */
import {
  type LoopbackServer,
  type RecordedRequest,
  randomByteOffsets,
  type ScriptedResponse,
  splitAtByteOffsets,
  startLoopbackServer,
} from "@promptstream/testing";
import type { ConformanceWireFormat } from "@promptstream/testing/conformance";
import type { OllamaClientOptions } from "./ollama-adapter.js";
import type { OllamaChatLine } from "./ollama-wire.js";

/** How the Ollama loopback server answers one request. */
export type OllamaChatScript =
  | {
      /** Stream these lines, one JSON value per line. Strings are sent as they are (for malformed lines). */
      readonly lines: ReadonlyArray<OllamaChatLine | string>;
      /** A pause between lines, in milliseconds. */
      readonly lineDelayMs?: number;
      /**
       * Instead of one write per line, cut the whole body into this many pieces at random byte
       * offsets, or at these offsets (a cut inside a multi-byte character moves to its end: the
       * server writes strings).
       */
      readonly split?: number | readonly number[];
      /** Destroy the socket after the body instead of ending the response. */
      readonly resetAtEnd?: boolean;
    }
  | {
      /** Answer with this JSON body: a whole reply, or `{ error }` with an error status. */
      readonly json: unknown;
      readonly status?: number;
    };

/** The ending of a scripted answer: its final line's reason and counts. */
export interface OllamaEnding {
  readonly doneReason: "stop" | "length";
  readonly usage: { readonly input: number; readonly output: number };
}

/** Options of {@link createOllamaLines}. */
export interface OllamaLinesOptions {
  readonly model?: string;
  /** Thinking pieces, streamed before the answer as `message.thinking`. */
  readonly thinking?: readonly string[];
  /** The final line; without it the lines stop after the last piece, as a cut stream does. */
  readonly ending?: OllamaEnding | undefined;
}

/** The lines Ollama streams for an answer made of `pieces`. */
export function createOllamaLines(pieces: readonly string[], options: OllamaLinesOptions = {}): OllamaChatLine[] {
  const model = options.model ?? "llama3.2";
  const line = (message: OllamaChatLine["message"]): OllamaChatLine => ({
    model,
    created_at: new Date().toISOString(),
    message,
    done: false,
  });
  const lines = [
    ...(options.thinking ?? []).map((thinking) => line({ role: "assistant", content: "", thinking })),
    ...pieces.map((content) => line({ role: "assistant", content })),
  ];
  if (options.ending !== undefined) lines.push(finalLine(model, "", options.ending));
  return lines;
}

/** Ollama's final line (or whole non-streamed reply, with the whole `content`). */
export function finalLine(
  model: string,
  content: string,
  { doneReason, usage }: OllamaEnding,
  thinking?: string,
): OllamaChatLine {
  return {
    model,
    created_at: new Date().toISOString(),
    message: thinking === undefined ? { role: "assistant", content } : { role: "assistant", content, thinking },
    done: true,
    done_reason: doneReason,
    total_duration: 4_935_886_791,
    load_duration: 534_986_708,
    prompt_eval_count: usage.input,
    prompt_eval_duration: 107_345_000,
    eval_count: usage.output,
    eval_duration: 4_289_432_000,
  };
}

/** Starts a loopback server for `POST /api/chat`; give the prompt `client: { baseURL: server.url }`. */
export function startOllamaChatServer(
  script: (request: RecordedRequest) => OllamaChatScript | Promise<OllamaChatScript>,
): Promise<LoopbackServer> {
  return startLoopbackServer(async (request) => toResponse(await script(request)));
}

const NDJSON_HEADERS = { "content-type": "application/x-ndjson" };

function toResponse(script: OllamaChatScript): ScriptedResponse {
  if ("json" in script) {
    const headers = { "content-type": "application/json; charset=utf-8" };
    return { status: script.status ?? 200, headers, body: [JSON.stringify(script.json)] };
  }
  const lines = script.lines.map(toNdjson);
  const { split } = script;
  const text = lines.join("");
  const body =
    split === undefined
      ? lines
      : splitAtByteOffsets(text, typeof split === "number" ? randomByteOffsets(text, split) : split);
  return { headers: NDJSON_HEADERS, body, pieceDelayMs: script.lineDelayMs, resetAtEnd: script.resetAtEnd };
}

function toNdjson(line: OllamaChatLine | string): string {
  return `${typeof line === "string" ? line : JSON.stringify(line)}\n`;
}

/**
 * Ollama's wire format for the conformance suite: `startLoopbackConformanceServer(ollamaChatWireFormat)`.
 * Ollama streams unless the body says `stream: false`.
 */
export const ollamaChatWireFormat: ConformanceWireFormat<OllamaClientOptions> = {
  client: (url) => ({ baseURL: url }),
  isStreamed: (request) => (request.body as { stream?: unknown } | undefined)?.stream !== false,
  streamContentType: NDJSON_HEADERS["content-type"],
  streamEvents: (pieces, ending) =>
    createOllamaLines(pieces, { ending: ending && { doneReason: ending.finishReason, usage: ending.usage } }).map(
      toNdjson,
    ),
  answerBody: (text, { finishReason, usage }) => finalLine("llama3.2", text, { doneReason: finishReason, usage }),
  errorBody: (_status, message) => ({ error: message }),
};
