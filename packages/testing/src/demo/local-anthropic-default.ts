import { createAnthropicTextEvents } from "../anthropic-events.js";
import { startAnthropicMessagesServer } from "../servers/anthropic-messages-server.js";
import { cannedRecipeAnswer, requestedModel } from "./canned-answer.js";

/** Options of {@link useLocalAnthropicWhenNoKey}. */
export interface LocalAnthropicDefaultOptions {
  /** The pause between events, in milliseconds: a realistic pace by default. */
  readonly eventDelayMs?: number;
  /** Where the notice line goes. */
  readonly log?: (line: string) => void;
}

/**
 * When `ANTHROPIC_API_KEY` is not set, starts a local server that streams a canned answer in
 * the Anthropic Messages wire format and points the `@anthropic-ai/sdk` client at it through
 * `ANTHROPIC_BASE_URL`, saying so in one line. With a key, does nothing: the real API is used.
 * Returns a function that stops the server.
 */
export async function useLocalAnthropicWhenNoKey(
  options: LocalAnthropicDefaultOptions = {},
): Promise<() => Promise<void>> {
  if (process.env.ANTHROPIC_API_KEY) return async () => {};
  const server = await startAnthropicMessagesServer((request) => ({
    events: createAnthropicTextEvents(cannedRecipeAnswer(request.body), { model: requestedModel(request.body) }),
    eventDelayMs: options.eventDelayMs ?? 25,
  }));
  process.env.ANTHROPIC_BASE_URL = server.baseURL;
  process.env.ANTHROPIC_API_KEY = "local-demo-no-key";
  (options.log ?? console.log)(
    `No ANTHROPIC_API_KEY set: streaming a canned answer from the built-in local server at ${server.baseURL} ` +
      "(set ANTHROPIC_API_KEY to use the real API).\n",
  );
  return async () => {
    delete process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_BASE_URL;
    await server.close();
  };
}
