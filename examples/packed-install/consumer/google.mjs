// ESM on Google Gemini: the neutral Prompt on a recorded Gemini stream (thoughts apart), then a 429 with RetryInfo.
import { RateLimitError } from "@promptstream/core";
import { Prompt } from "@promptstream/provider-google";

class Ask extends Prompt({ template: "SYSTEM: Be brief.\nUSER: {question}", maxRetries: 0 }) {}

const stream = new Ask({ question: "How are you?" }).stream();
let reasoning = "";
for await (const chunk of stream) {
  process.stdout.write(chunk.content);
  reasoning += chunk.reasoning;
}
const response = await stream.response();
process.stdout.write(
  `\nfinish=${response.finishReason} in=${response.usage?.inputTokens} out=${response.usage?.outputTokens} reasoning=${reasoning.length}\n`,
);

try {
  await new Ask({ question: "busy" }).stream().text();
} catch (error) {
  process.stdout.write(`busy=${error instanceof RateLimitError} ${error.code} retryAfterMs=${error.retryAfterMs}\n`);
}
