/**
 * Describes an image, streamed: `npm run demo -- [path-or-url] [artist]`. On OpenAI and Anthropic
 * (or only `$PROVIDER`), with the real APIs where OPENAI_API_KEY / ANTHROPIC_API_KEY are set, the
 * built-in local servers where not (they describe what reached them: the image's format and size).
 */
import { fileURLToPath } from "node:url";
import { ContentPartError } from "@promptstream/core";
import { useLocalAnthropicWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { imageDescriber, imageFrom, type Provider } from "./describer.js";

const providers: Provider[] =
  process.env.PROVIDER === "openai" || process.env.PROVIDER === "anthropic"
    ? [process.env.PROVIDER]
    : ["openai", "anthropic"];
const location = process.argv[2] ?? fileURLToPath(new URL("../assets/sunset.png", import.meta.url));
const artist = process.argv[3] ?? "Hiroshige";

const stopLocalOpenAI = await useLocalOpenAIWhenNoKey();
const stopLocalAnthropic = await useLocalAnthropicWhenNoKey();
try {
  const photo = await imageFrom(location);
  for (const provider of providers) {
    console.log(`== ${provider} ==`);
    const ImageDescriber = await imageDescriber(provider);
    const stream = new ImageDescriber({ photo, artist }).stream();
    for await (const text of stream.textStream) process.stdout.write(text);
    const { usage } = await stream.response();
    console.log(`\n[${usage?.inputTokens ?? "?"} tokens in, ${usage?.outputTokens ?? "?"} out]\n`);
  }
} catch (error) {
  // An image the provider cannot take (type, size, URL) fails before sending, and says why.
  if (!(error instanceof ContentPartError)) throw error;
  console.error(`${error.name} (${error.code}): ${error.message}`);
  process.exitCode = 1;
} finally {
  await stopLocalOpenAI();
  await stopLocalAnthropic();
}
