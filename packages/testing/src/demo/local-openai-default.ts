import { createOpenAITextChunks } from "../openai-chunks.js";
import { startOpenAIChatServer } from "../servers/openai-chat-server.js";
import { cannedRecipeAnswer, requestedModel } from "./canned-answer.js";

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
  const server = await startOpenAIChatServer((request) => ({
    chunks: createOpenAITextChunks(cannedRecipeAnswer(request.body), { model: requestedModel(request.body) }),
    chunkDelayMs: options.chunkDelayMs ?? 25,
  }));
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
