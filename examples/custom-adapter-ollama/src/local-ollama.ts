/**
 * The demo's fallback: when no Ollama is configured or running, a local server that streams a
 * canned answer in Ollama's wire format, so that the demo works with no Ollama and no network.
 */
import { readEnv } from "@promptstream/core";
import { cannedRecipeAnswer, splitWords } from "@promptstream/testing";
import { OLLAMA_DEFAULT_BASE_URL } from "./ollama-adapter.js";
import { createOllamaLines, startOllamaChatServer } from "./ollama-chat-server.js";

/** Whether an Ollama answers at `baseURL` within `timeoutMs`. */
export async function ollamaAnswers(baseURL: string, timeoutMs = 500): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL}/api/version`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * When `OLLAMA_HOST` is unset and no Ollama answers at `http://localhost:11434`, starts the
 * local server, points `OLLAMA_HOST` at it and says so in one line. Otherwise does nothing.
 * Returns a function that stops the server.
 */
export async function useLocalOllamaWhenNoneAnswers(
  log: (line: string) => void = console.log,
): Promise<() => Promise<void>> {
  if (readEnv("OLLAMA_HOST") !== undefined || (await ollamaAnswers(OLLAMA_DEFAULT_BASE_URL))) return async () => {};
  const server = await startOllamaChatServer((request) => {
    const { model } = request.body as { model: string };
    const pieces = splitWords(cannedRecipeAnswer(request.body));
    const usage = { input: 31, output: pieces.length };
    return { lines: createOllamaLines(pieces, { model, ending: { doneReason: "stop", usage } }), lineDelayMs: 25 };
  });
  process.env.OLLAMA_HOST = server.url;
  log(
    `No Ollama answered at ${OLLAMA_DEFAULT_BASE_URL} and OLLAMA_HOST is not set: streaming a canned answer from the ` +
      `built-in local server at ${server.url} (run \`ollama serve\` or set OLLAMA_HOST to use a real Ollama).\n`,
  );
  return async () => {
    delete process.env.OLLAMA_HOST;
    await server.close();
  };
}
