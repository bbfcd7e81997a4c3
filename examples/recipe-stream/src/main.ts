/**
 * Runs the reference flow against the real OpenAI API when OPENAI_API_KEY is set, and
 * against a built-in local server streaming a canned answer when it is not.
 */
import { useLocalOpenAIWhenNoKey } from "@promptstream/testing";

const stopLocalServer = await useLocalOpenAIWhenNoKey();
try {
  await import("./recipe-stream.js");
} finally {
  await stopLocalServer();
}
