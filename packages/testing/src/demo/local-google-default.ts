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

/** The thought the keyless demo streams first when the request asks for thoughts. */
const CANNED_THOUGHT = "Reading the request first, then working out the answer step by step.";

/**
 * Whether the request asks for thoughts (`thinkingConfig.includeThoughts`, which the neutral
 * `reasoning` param sets): the demo then thinks aloud first, and signs its turn as Gemini 3 does
 * (its thought, its first call, its text), so that a second turn sends the signatures back.
 */
function wantsThoughts(body: unknown): boolean {
  const config = (body as { generationConfig?: { thinkingConfig?: { includeThoughts?: unknown } } } | undefined)
    ?.generationConfig;
  return config?.thinkingConfig?.includeThoughts === true;
}

/** The keyless demo's answer in the Gemini wire format: streamed, or whole for `:generateContent`. */
function cannedGeminiScript(request: RecordedRequest, chunkDelayMs: number): GoogleGeminiScript {
  // Gemini names the model in the path, `/v1beta/models/{model}:...`, not in the body.
  const model = /\/models\/([^:/?]+)/.exec(request.path)?.[1];
  const thinking = wantsThoughts(request.body);
  const thought = thinking ? [{ thought: CANNED_THOUGHT, thoughtSignature: "local-thought-signature" }] : [];
  const textSignature = thinking ? "local-text-signature" : undefined;
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
    const calls = turn.calls.map(({ id, name, args }, index) =>
      thinking && index === 0 ? { id, name, args, thoughtSignature: `local-call-signature-${id}` } : { id, name, args },
    );
    chunks = createGeminiToolCallChunks([...thought, turn.text, ...calls], { model });
  } else {
    chunks = createGeminiToolCallChunks([...thought, cannedTextAnswer(request.body)], { model, textSignature });
  }
  return isGeminiStreamRequest(request)
    ? { events: chunks, eventDelayMs: chunkDelayMs }
    : { json: wholeGeminiResponse(chunks) };
}
