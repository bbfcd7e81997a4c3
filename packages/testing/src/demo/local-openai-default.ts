import { createOpenAITextChunks, createOpenAIToolCallChunks } from "../openai-chunks.js";
import type { RecordedRequest } from "../servers/loopback-server.js";
import type { OpenAIChatScript } from "../servers/openai-chat-server.js";
import { startOpenAIServer } from "../servers/openai-server.js";
import { cannedTextAnswer, requestedModel } from "./canned-answer.js";
import { cannedStructuredAnswer, tokenSizedPieces } from "./canned-structured-answer.js";
import { cannedToolTurn } from "./canned-tool-turn.js";
import { cannedResponsesScript } from "./local-openai-responses-default.js";
import { serveLocallyWhenNoKey } from "./serve-locally-when-no-key.js";

/** Options of {@link useLocalOpenAIWhenNoKey}. */
export interface LocalOpenAIDefaultOptions {
  /** The pause between chunks, in milliseconds: a realistic pace by default. */
  readonly chunkDelayMs?: number;
  /** Where the notice line goes. */
  readonly log?: (line: string) => void;
}

/**
 * When `OPENAI_API_KEY` is not set, starts a local server that streams a canned answer in the
 * OpenAI wire formats, Chat Completions (`/v1/chat/completions`) and the Responses API
 * (`/v1/responses`), with, for the demo agent's tools, a model's tool calls (see `cannedToolTurn`),
 * and points the `openai` SDK at it through `OPENAI_BASE_URL`, saying so in one line. With a key,
 * does nothing: the real API is used. Returns a function that stops the server.
 */
export function useLocalOpenAIWhenNoKey(options: LocalOpenAIDefaultOptions = {}): Promise<() => Promise<void>> {
  const delayMs = options.chunkDelayMs ?? 25;
  return serveLocallyWhenNoKey({
    keyVariable: "OPENAI_API_KEY",
    baseUrlVariable: "OPENAI_BASE_URL",
    log: options.log,
    start: () =>
      startOpenAIServer({
        chat: (request) => cannedChatScript(request, delayMs),
        responses: (request) => cannedResponsesScript(request, delayMs),
      }),
  });
}

/** The keyless demo's answer in the Chat Completions wire format. */
function cannedChatScript(request: RecordedRequest, chunkDelayMs: number): OpenAIChatScript {
  const model = requestedModel(request.body);
  const structured = cannedStructuredAnswer(request.body);
  if (structured !== undefined) {
    return { chunks: createOpenAITextChunks(structured.json, { model, split: tokenSizedPieces }), chunkDelayMs };
  }
  const turn = cannedToolTurn(request.body);
  const chunks =
    turn === undefined
      ? createOpenAITextChunks(cannedTextAnswer(request.body), { model })
      : createOpenAIToolCallChunks(
          [turn.text, ...turn.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }))],
          { model },
        );
  return { chunks, chunkDelayMs };
}
