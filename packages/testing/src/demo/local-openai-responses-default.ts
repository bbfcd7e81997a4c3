import { createOpenAIResponsesTextEvents, createOpenAIResponsesToolCallEvents } from "../openai-responses-events.js";
import { startOpenAIResponsesServer } from "../servers/openai-responses-server.js";
import { cannedRecipeAnswer, requestedModel } from "./canned-answer.js";
import { cannedStructuredAnswer, tokenSizedPieces } from "./canned-structured-answer.js";
import { cannedToolTurn } from "./canned-tool-turn.js";
import type { LocalOpenAIDefaultOptions } from "./local-openai-default.js";
import { serveLocallyWhenNoKey } from "./serve-locally-when-no-key.js";

/**
 * When `OPENAI_API_KEY` is not set, starts a local server that streams the same canned answer as
 * `useLocalOpenAIWhenNoKey` in the OpenAI Responses API wire format (`POST /v1/responses`:
 * `response.output_text.delta` events, and for the demo agent's tools `function_call` items; see
 * `cannedToolTurn`), and points the `openai` SDK at it through `OPENAI_BASE_URL`, saying so in one
 * line. With a key, does nothing: the real API is used. Returns a function that stops the server.
 * `chunkDelayMs` is the pause between events.
 */
export function useLocalOpenAIResponsesWhenNoKey(
  options: LocalOpenAIDefaultOptions = {},
): Promise<() => Promise<void>> {
  return serveLocallyWhenNoKey({
    keyVariable: "OPENAI_API_KEY",
    baseUrlVariable: "OPENAI_BASE_URL",
    log: options.log,
    start: () =>
      startOpenAIResponsesServer((request) => {
        const model = requestedModel(request.body);
        const eventDelayMs = options.chunkDelayMs ?? 25;
        const structured = cannedStructuredAnswer(request.body);
        if (structured !== undefined) {
          const events =
            structured.tool === undefined
              ? createOpenAIResponsesTextEvents(structured.json, { model, split: tokenSizedPieces })
              : createOpenAIResponsesToolCallEvents(
                  [{ id: "call_local_output", name: structured.tool, arguments: structured.json }],
                  { model, fragmentLength: 5 },
                );
          return { events, eventDelayMs };
        }
        const turn = cannedToolTurn(request.body);
        const events =
          turn === undefined
            ? createOpenAIResponsesTextEvents(cannedRecipeAnswer(request.body), { model })
            : createOpenAIResponsesToolCallEvents(
                [turn.text, ...turn.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }))],
                { model },
              );
        return { events, eventDelayMs };
      }),
  });
}
