/**
 * Streams the same prompt through OpenAI's Chat Completions API, OpenAI's Responses API, Anthropic
 * and Google Gemini: the real APIs where OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY are
 * set, the built-in local servers where they are not.
 */
import { useLocalAnthropicWhenNoKey, useLocalGoogleWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";

const stopLocalOpenAI = await useLocalOpenAIWhenNoKey();
const stopLocalAnthropic = await useLocalAnthropicWhenNoKey();
const stopLocalGoogle = await useLocalGoogleWhenNoKey();
try {
  console.log("== @promptstream/provider-openai ==");
  await import("./recipe-openai.js");
  console.log("\n== @promptstream/provider-openai/responses ==");
  await import("./recipe-openai-responses.js");
  console.log("\n== @promptstream/provider-anthropic ==");
  await import("./recipe-anthropic.js");
  console.log("\n== @promptstream/provider-google ==");
  await import("./recipe-google.js");
  console.log("\n== tools, @promptstream/provider-openai ==");
  await import("./weather-openai.js");
  console.log("\n== tools, @promptstream/provider-openai/responses ==");
  await import("./weather-openai-responses.js");
  console.log("\n== tools, @promptstream/provider-anthropic ==");
  await import("./weather-anthropic.js");
  console.log("\n== tools, @promptstream/provider-google ==");
  await import("./weather-google.js");
} finally {
  await stopLocalOpenAI();
  await stopLocalAnthropic();
  await stopLocalGoogle();
}
