import { createOpenAIResponsesTextEvents, createOpenAIResponsesToolCallEvents } from "../openai-responses-events.js";
import type { RecordedRequest } from "../servers/loopback-server.js";
import type { OpenAIResponsesScript } from "../servers/openai-responses-server.js";
import { cannedTextAnswer, requestedModel } from "./canned-answer.js";
import { cannedStructuredAnswer, tokenSizedPieces } from "./canned-structured-answer.js";
import { cannedToolTurn } from "./canned-tool-turn.js";

/**
 * The keyless demo's answer in the OpenAI Responses API wire format (`POST /v1/responses`): the
 * canned answer as `response.output_text.delta` events, and for the demo agent's tools
 * `function_call` items (see `cannedToolTurn`). `useLocalOpenAIWhenNoKey` serves it beside the
 * Chat Completions one, so that one `OPENAI_BASE_URL` serves both APIs.
 */
export function cannedResponsesScript(request: RecordedRequest, eventDelayMs: number): OpenAIResponsesScript {
  const model = requestedModel(request.body);
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
      ? createOpenAIResponsesTextEvents(cannedTextAnswer(request.body), { model })
      : createOpenAIResponsesToolCallEvents(
          [turn.text, ...turn.calls.map(({ id, name, args }) => ({ id, name, arguments: JSON.stringify(args) }))],
          { model },
        );
  return { events, eventDelayMs };
}
