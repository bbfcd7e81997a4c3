import { createAnthropicTextEvents, createAnthropicToolUseEvents } from "../anthropic-events.js";
import { startAnthropicMessagesServer } from "../servers/anthropic-messages-server.js";
import { cannedTextAnswer, requestedModel } from "./canned-answer.js";
import { cannedStructuredAnswer, tokenSizedPieces } from "./canned-structured-answer.js";
import { cannedToolTurn } from "./canned-tool-turn.js";
import { serveLocallyWhenNoKey } from "./serve-locally-when-no-key.js";

/** Options of {@link useLocalAnthropicWhenNoKey}. */
export interface LocalAnthropicDefaultOptions {
  /** The pause between events, in milliseconds: a realistic pace by default. */
  readonly eventDelayMs?: number;
  /** Where the notice line goes. */
  readonly log?: (line: string) => void;
}

/**
 * When `ANTHROPIC_API_KEY` is not set, starts a local server that streams a canned answer in
 * the Anthropic Messages wire format (and, for the demo agent's tools, a model's tool calls) and points the `@anthropic-ai/sdk` client at it through
 * `ANTHROPIC_BASE_URL`, saying so in one line. With a key, does nothing: the real API is used.
 * Returns a function that stops the server.
 */
export function useLocalAnthropicWhenNoKey(options: LocalAnthropicDefaultOptions = {}): Promise<() => Promise<void>> {
  return serveLocallyWhenNoKey({
    keyVariable: "ANTHROPIC_API_KEY",
    baseUrlVariable: "ANTHROPIC_BASE_URL",
    log: options.log,
    start: () =>
      startAnthropicMessagesServer((request) => {
        const model = requestedModel(request.body);
        const structured = cannedStructuredAnswer(request.body);
        if (structured !== undefined) {
          const events =
            structured.tool === undefined
              ? createAnthropicTextEvents(structured.json, { model, split: tokenSizedPieces })
              : createAnthropicToolUseEvents(
                  [{ id: "toolu_local_output", name: structured.tool, input: structured.json }],
                  {
                    model,
                    fragmentLength: 5,
                  },
                );
          return { events, eventDelayMs: options.eventDelayMs ?? 25 };
        }
        const turn = cannedToolTurn(request.body);
        const events =
          turn === undefined
            ? createAnthropicTextEvents(cannedTextAnswer(request.body), { model })
            : createAnthropicToolUseEvents(
                [turn.text, ...turn.calls.map(({ id, name, args }) => ({ id, name, input: JSON.stringify(args) }))],
                { model, ...(turn.calls.length === 0 ? { stopReason: "end_turn" } : {}) },
              );
        return { events, eventDelayMs: options.eventDelayMs ?? 25 };
      }),
  });
}
