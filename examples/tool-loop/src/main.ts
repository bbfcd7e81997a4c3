/**
 * Streams the whole tool loop to the terminal: the model's text, each tool call as soon as it is
 * complete, its result, and the final answer. On OpenAI and Anthropic (or only `$PROVIDER`), with
 * the real APIs where OPENAI_API_KEY / ANTHROPIC_API_KEY are set, the built-in local servers where not.
 */
import { useLocalAnthropicWhenNoKey, useLocalOpenAIWhenNoKey } from "@promptstream/testing";
import { type Provider, weatherAgent } from "./agent.js";

const providers: Provider[] =
  process.env.PROVIDER === "openai" || process.env.PROVIDER === "anthropic"
    ? [process.env.PROVIDER]
    : ["openai", "anthropic"];
const question = process.argv[2] ?? "How much warmer is Rome than Paris right now?";

const stopLocalOpenAI = await useLocalOpenAIWhenNoKey();
const stopLocalAnthropic = await useLocalAnthropicWhenNoKey();
try {
  for (const provider of providers) {
    console.log(`== ${provider} ==`);
    const WeatherAgent = await weatherAgent(provider);
    const stream = new WeatherAgent({ question }).stream();
    // Whether the last thing written was text that ended mid-line: a call or result then starts a new one.
    let midLine = false;
    const line = (text: string) => {
      console.log(`${midLine ? "\n" : ""}${text}`);
      midLine = false;
    };
    for await (const chunk of stream) {
      switch (chunk.kind) {
        case "tool-call":
          line(`  -> ${chunk.toolCall.name}(${JSON.stringify(chunk.toolCall.args)})`);
          break;
        case "tool-call-error":
          line(`  -> ${chunk.toolCall.name}: ${chunk.toolCall.error.message}`);
          break;
        case "tool-result":
          line(`  <- ${chunk.isError ? "error: " : ""}${JSON.stringify(chunk.result)}`);
          break;
        case "step-start":
        case "step-finish":
          break;
        case undefined:
          process.stdout.write(chunk.content);
          if (chunk.content !== "") midLine = !chunk.content.endsWith("\n");
      }
    }
    const { steps, usage } = await stream.response();
    line(`[${steps.length} steps, ${usage?.inputTokens} tokens in, ${usage?.outputTokens} out]\n`);
  }
} finally {
  await stopLocalOpenAI();
  await stopLocalAnthropic();
}
