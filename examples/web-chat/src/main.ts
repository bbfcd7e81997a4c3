/**
 * Starts the web chat and prints its URL. With OPENAI_API_KEY set it asks the real OpenAI API;
 * without, a built-in local server streams a canned answer, slowly enough to watch it arrive.
 */
import { useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { startWebChat } from "./server.js";

const stopLocalServer = await useLocalOpenAIWhenNoKey({ chunkDelayMs: 60 });
const chat = await startWebChat({ port: Number(process.env.PORT ?? 3000) });
console.log(`Web chat at ${chat.url} (Ctrl+C stops it).`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.all([chat.close(), stopLocalServer()]).then(() => process.exit(0));
  });
}
