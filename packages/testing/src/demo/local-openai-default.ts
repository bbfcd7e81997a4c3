import { createOpenAITextChunks } from "../openai-chunks.js";
import { startOpenAIChatServer } from "../servers/openai-chat-server.js";

const CANNED_ANSWER = [
  "Here are three recipes that make the most of {ingredient}:\n\n",
  "1. Classic pie: toss sliced {ingredient} with cinnamon, sugar and a squeeze of lemon, ",
  "then bake in a buttery double crust until golden, about 50 minutes at 190°C.\n",
  "2. Crumble: top the fruit with oats, brown sugar and cold butter rubbed into flour; ",
  "bake for 35 minutes and serve warm with custard.\n",
  "3. Savoury salad: thin slices of {ingredient} with fennel, walnuts, blue cheese and a cider vinaigrette.\n",
].join("");

/** Options of {@link useLocalOpenAIWhenNoKey}. */
export interface LocalOpenAIDefaultOptions {
  /** The pause between chunks, in milliseconds: a realistic pace by default. */
  readonly chunkDelayMs?: number;
  /** Where the notice line goes. */
  readonly log?: (line: string) => void;
}

/**
 * When `OPENAI_API_KEY` is not set, starts a local server that streams a canned answer in the
 * OpenAI wire format and points the `openai` SDK at it through `OPENAI_BASE_URL`, saying so
 * in one line. With a key, does nothing: the real API is used. Returns a function that stops
 * the server.
 */
export async function useLocalOpenAIWhenNoKey(options: LocalOpenAIDefaultOptions = {}): Promise<() => Promise<void>> {
  if (process.env.OPENAI_API_KEY) return async () => {};
  const server = await startOpenAIChatServer((request) => {
    const prompt = JSON.stringify((request.body as { messages?: unknown } | undefined)?.messages ?? "");
    const ingredient = /use (\w+) as an ingredient/.exec(prompt)?.[1] ?? "them";
    return {
      chunks: createOpenAITextChunks(CANNED_ANSWER.replaceAll("{ingredient}", ingredient)),
      chunkDelayMs: options.chunkDelayMs ?? 25,
    };
  });
  process.env.OPENAI_BASE_URL = server.baseURL;
  process.env.OPENAI_API_KEY = "local-demo-no-key";
  (options.log ?? console.log)(
    `No OPENAI_API_KEY set: streaming a canned answer from the built-in local server at ${server.baseURL} ` +
      "(set OPENAI_API_KEY to use the real API).\n",
  );
  return async () => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    await server.close();
  };
}
