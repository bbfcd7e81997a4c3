// ESM, beyond text: thinking streamed apart from the answer and kept signed on the message (Anthropic), an
// image in a template variable (OpenAI), a type no provider here takes, and a CACHE line.
import { ContentPartError, image } from "@promptstream/core";
import { Prompt as AnthropicPrompt } from "@promptstream/provider-anthropic";
import { Prompt as OpenAIPrompt } from "@promptstream/provider-openai";

class Think extends AnthropicPrompt({
  template: "USER: Think it through: {question}",
  callParams: { maxTokens: 8000 },
}) {}
const stream = new Think({ question: "925 / 5?" }).stream({ reasoning: { budgetTokens: 2048 } });
let reasoning = "";
let content = "";
for await (const chunk of stream) {
  if (chunk.reasoning !== "" && chunk.content !== "") throw new Error("a chunk with both reasoning and text");
  reasoning += chunk.reasoning;
  content += chunk.content;
}
const response = await stream.response();
const [block] = response.message.reasoning ?? [];
process.stdout.write(
  `${JSON.stringify({ reasoning, content, same: response.reasoning === reasoning, signature: block?.signature })}\n`,
);

const png = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (char) => char.charCodeAt(0),
);
class Describe extends OpenAIPrompt({ template: "USER: Describe {photo} briefly." }) {}
process.stdout.write(`image: ${await new Describe({ photo: image(png) }).stream().text()}\n`);

try {
  await new Describe({ photo: image(png, "image/tiff") }).stream().text();
} catch (error) {
  process.stdout.write(`tiff: ${error instanceof ContentPartError} ${error.code} ${error.partType}\n`);
}

class Manual extends AnthropicPrompt({ template: "SYSTEM: A long manual.\nCACHE 1h\nUSER: Cached question?" }) {}
const cached = await new Manual().call();
process.stdout.write(`cache: ${cached.usage?.cachedInputTokens} ${cached.usage?.cacheCreationInputTokens}\n`);
