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
import type { ConformanceToolCall, ConformanceWireFormat } from "@promptstream/testing/conformance";
import type { OllamaClientOptions } from "./ollama-adapter.js";
import type { OllamaChatLine, OllamaToolCall } from "./ollama-wire.js";

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

/**
 * The lines Ollama streams for an answer made of `pieces`: a line of text for each string, a line
 * making the call for each tool call (Ollama sends each call whole, in one line).
 */
export function createOllamaLines(
  pieces: ReadonlyArray<string | OllamaToolCall>,
  options: OllamaLinesOptions = {},
): OllamaChatLine[] {
  const model = options.model ?? "llama3.2";
  const line = (message: OllamaChatLine["message"]): OllamaChatLine => ({
    model,
    created_at: new Date().toISOString(),
    message,
    done: false,
  });
  const lines = [
    ...(options.thinking ?? []).map((thinking) => line({ role: "assistant", content: "", thinking })),
    ...pieces.map((piece) =>
      line(
        typeof piece === "string"
          ? { role: "assistant", content: piece }
          : { role: "assistant", content: "", tool_calls: [piece] },
      ),
    ),
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

/** A whole reply (or a final line) that also makes these calls, as `call()` receives it. */
export function withToolCalls(reply: OllamaChatLine, toolCalls: readonly OllamaToolCall[]): OllamaChatLine {
  return { ...reply, message: { role: "assistant", content: "", ...reply.message, tool_calls: toolCalls } };
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
  // Ollama says "stop" after tool calls too (core reports "tool_calls"), and sends each call whole.
  toolCallEvents(parts, usage, cut) {
    const pieces = toOllamaPieces(parts);
    const lines = createOllamaLines(pieces, { ending: cut ? undefined : { doneReason: "stop", usage } });
    return cut ? cutInLastCall(pieces, lines.map(toNdjson)) : lines.map(toNdjson);
  },
  toolCallAnswerBody(parts, usage) {
    const text = parts.filter((part) => typeof part === "string").join("");
    const calls = toOllamaPieces(parts).filter((part) => typeof part !== "string");
    return withToolCalls(finalLine("llama3.2", text, { doneReason: "stop", usage }), calls);
  },
};

/** The suite's parts as Ollama's: a call's arguments an object (`{}` for none), numbered with `index`. */
function toOllamaPieces(parts: ReadonlyArray<string | ConformanceToolCall>): Array<string | OllamaToolCall> {
  let index = 0;
  return parts.map((part) => {
    if (typeof part === "string") return part;
    const args: Record<string, unknown> = part.argsText === "" ? {} : JSON.parse(part.argsText);
    return { id: part.id, function: { index: index++, name: part.name, arguments: args } };
  });
}

/**
 * The lines up to the middle of the last call's arguments. Ollama has no fragments to stop
 * between: the cut falls inside the line that carries the whole call, so the calls before it
 * arrived complete and the cut one never reaches the adapter as a line. `lines` are one per piece.
 */
function cutInLastCall(pieces: ReadonlyArray<string | OllamaToolCall>, lines: readonly string[]): string[] {
  let at = pieces.length - 1;
  while (at >= 0 && typeof pieces[at] === "string") at -= 1;
  const last = pieces[at];
  const line = lines[at];
  if (last === undefined || typeof last === "string" || line === undefined) return [...lines];
  const args = line.indexOf('"arguments":') + '"arguments":'.length;
  const half = Math.ceil(JSON.stringify(last.function.arguments).length / 2);
  return [...lines.slice(0, at), line.slice(0, args + half)];
}
