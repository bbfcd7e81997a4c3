import { createGeminiTextChunks, createGeminiToolCallChunks, wholeGeminiResponse } from "../google-gemini-chunks.js";
import {
  type GoogleGeminiScript,
  isGeminiStreamRequest,
  startGoogleGeminiServer,
} from "../servers/google-gemini-server.js";
import type { RecordedRequest } from "../servers/loopback-server.js";
import { cannedTextAnswer } from "./canned-answer.js";
import { cannedStructuredAnswer, tokenSizedPieces } from "./canned-structured-answer.js";
import { cannedToolTurn } from "./canned-tool-turn.js";
import { serveLocallyWhenNoKey } from "./serve-locally-when-no-key.js";

/** Options of {@link useLocalGoogleWhenNoKey}. */
export interface LocalGoogleDefaultOptions {
  /** The pause between chunks, in milliseconds: a realistic pace by default. */
  readonly chunkDelayMs?: number;
  /** Where the notice line goes. */
  readonly log?: (line: string) => void;
}

/**
 * When neither `GEMINI_API_KEY` nor `GOOGLE_API_KEY` is set (the variables `@google/genai` reads
 * its key from), starts a local server that answers in the Gemini API wire format (the canned
 * answer, and for the demo agent's tools a model's function calls, see `cannedToolTurn`, and a
 * structured answer) and points `@google/genai` at it through `GOOGLE_GEMINI_BASE_URL`, which the
 * SDK reads when no `httpOptions.baseUrl` is given, with `GEMINI_API_KEY` set to a placeholder;
 * it says so in one line. With a key, does nothing: the real API is used. Returns a function that
 * stops the server and unsets both variables.
 */
export function useLocalGoogleWhenNoKey(options: LocalGoogleDefaultOptions = {}): Promise<() => Promise<void>> {
  const delayMs = options.chunkDelayMs ?? 25;
  return serveLocallyWhenNoKey({
    keyVariable: "GEMINI_API_KEY",
    otherKeyVariables: ["GOOGLE_API_KEY"],
    baseUrlVariable: "GOOGLE_GEMINI_BASE_URL",
    log: options.log,
    start: () => startGoogleGeminiServer((request) => cannedGeminiScript(request, delayMs)),
  });
}

/** The keyless demo's answer in the Gemini wire format: streamed, or whole for `:generateContent`. */
function cannedGeminiScript(request: RecordedRequest, chunkDelayMs: number): GoogleGeminiScript {
  // Gemini names the model in the path, `/v1beta/models/{model}:...`, not in the body.
  const model = /\/models\/([^:/?]+)/.exec(request.path)?.[1];
  const structured = cannedStructuredAnswer(request.body);
  const turn = structured === undefined ? cannedToolTurn(request.body) : undefined;
  let chunks: object[];
  if (structured !== undefined) {
    chunks =
      structured.tool === undefined
        ? createGeminiTextChunks(structured.json, { model, split: tokenSizedPieces })
        : createGeminiToolCallChunks(
            [{ id: "call_local_output", name: structured.tool, args: JSON.parse(structured.json) }],
            { model },
          );
  } else if (turn !== undefined) {
    chunks = createGeminiToolCallChunks([turn.text, ...turn.calls.map(({ id, name, args }) => ({ id, name, args }))], {
      model,
    });
  } else {
    chunks = createGeminiTextChunks(cannedTextAnswer(request.body), { model });
  }
  return isGeminiStreamRequest(request)
    ? { events: chunks, eventDelayMs: chunkDelayMs }
    : { json: wholeGeminiResponse(chunks) };
}
