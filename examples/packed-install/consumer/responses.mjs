// ESM on OpenAI's Responses API: the same prompt, one import changed; reasoning beside the text; an error event.
import { ProviderError } from "@promptstream/core";
import { Prompt } from "@promptstream/provider-openai/responses";

class Ask extends Prompt({ template: "SYSTEM: Be brief.\nUSER: {question}" }) {}

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
  await new Ask({ question: "fail" }).stream().text();
} catch (error) {
  process.stdout.write(
    `error=${error instanceof ProviderError} ${error.code} message=${JSON.stringify(error.message)}\n`,
  );
}
