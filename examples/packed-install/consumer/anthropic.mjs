// ESM on Anthropic: the neutral `Prompt`, a recorded stream, then a fault in the middle of one.
import { ProviderError } from "@promptstream/core";
import { Prompt } from "@promptstream/provider-anthropic";

class Ask extends Prompt({ template: "SYSTEM: Be brief.\nUSER: {question}" }) {}

const stream = new Ask({ question: "How are you?" }).stream();
for await (const chunk of stream) process.stdout.write(chunk.content);
const response = await stream.response();
process.stdout.write(
  `\nfinish=${response.finishReason} in=${response.usage?.inputTokens} out=${response.usage?.outputTokens}\n`,
);

try {
  for await (const chunk of new Ask({ question: "fault" }).stream()) process.stdout.write(chunk.content);
} catch (error) {
  process.stdout.write(
    `\nfault=${error instanceof ProviderError} ${error.code} retryable=${error.retryable} partial=${JSON.stringify(error.partialText)}\n`,
  );
}

try {
  new Ask({ question: "x" }).stream({ temperature: 0.2 });
} catch (error) {
  process.stdout.write(`params=${error.name} ${error.code} ${error.param}\n`);
}
