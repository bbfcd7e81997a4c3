/**
 * Streams the same prompt through OpenAI's Chat Completions API, OpenAI's Responses API and
 * Anthropic: the real APIs where OPENAI_API_KEY and ANTHROPIC_API_KEY are set, the built-in local
 * servers where they are not.
 */
import { useLocalAnthropicWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";

const stopLocalOpenAI = await useLocalOpenAIWhenNoKey();
const stopLocalAnthropic = await useLocalAnthropicWhenNoKey();
try {
  console.log("== @promptstream/provider-openai ==");
  await import("./recipe-openai.js");
  console.log("\n== @promptstream/provider-openai/responses ==");
  await import("./recipe-openai-responses.js");
  console.log("\n== @promptstream/provider-anthropic ==");
  await import("./recipe-anthropic.js");
  console.log("\n== tools, @promptstream/provider-openai ==");
  await import("./weather-openai.js");
  console.log("\n== tools, @promptstream/provider-openai/responses ==");
  await import("./weather-openai-responses.js");
  console.log("\n== tools, @promptstream/provider-anthropic ==");
  await import("./weather-anthropic.js");
} finally {
  await stopLocalOpenAI();
  await stopLocalAnthropic();
}
