import { type AnthropicBlockScript, createAnthropicMessageEvents } from "../anthropic-events.js";
import { startAnthropicMessagesServer } from "../servers/anthropic-messages-server.js";
import { cannedTextAnswer, requestedModel } from "./canned-answer.js";
import { anthropicThinkingHistoryError, cannedAnthropicThinking } from "./canned-anthropic-thinking.js";
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
 * the Anthropic Messages wire format (and, for the demo agent's tools, a model's tool calls; with
 * `thinking` on, a signed thinking block first, and a 400 as Anthropic's for a tool loop that does
 * not send it back) and points the `@anthropic-ai/sdk` client at it through
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
        // With thinking on, Anthropic refuses a tool loop that did not send the signed thinking back.
        const historyError = anthropicThinkingHistoryError(request.body);
        if (historyError !== undefined) {
          return {
            status: 400,
            json: { type: "error", error: { type: "invalid_request_error", message: historyError } },
          };
        }
        const eventDelayMs = options.eventDelayMs ?? 25;
        const structured = cannedStructuredAnswer(request.body);
        if (structured !== undefined) {
          const events =
            structured.tool === undefined
              ? createAnthropicMessageEvents([structured.json], { model, split: tokenSizedPieces })
              : createAnthropicMessageEvents(
                  [{ id: "toolu_local_output", name: structured.tool, input: structured.json }],
                  { model, fragmentLength: 5 },
                );
          return { events, eventDelayMs };
        }
        const turn = cannedToolTurn(request.body);
        const answer: AnthropicBlockScript[] =
          turn === undefined
            ? [cannedTextAnswer(request.body)]
            : [turn.text, ...turn.calls.map(({ id, name, args }) => ({ id, name, input: JSON.stringify(args) }))];
        // A thinking block first when the request turns thinking on, as a thinking model streams it.
        const thinking = cannedAnthropicThinking(
          request.body,
          turn?.text ?? "a question about recipes",
          turn?.thinking,
        );
        if (thinking === undefined) return { events: createAnthropicMessageEvents(answer, { model }), eventDelayMs };
        // Anthropic counts the thinking in the output tokens, and says how many in `output_tokens_details`.
        const thinkingTokens =
          typeof thinking !== "string" && thinking.type === "thinking" ? thinking.thinking.split(" ").length : 0;
        const usage = { output_tokens_details: { thinking_tokens: thinkingTokens } };
        return { events: createAnthropicMessageEvents([thinking, ...answer], { model, usage }), eventDelayMs };
      }),
  });
}
