// ESM: structured output from the packed packages. OpenAI json_schema: partial objects, then the
// object; a stream cut in the middle of the JSON; Anthropic's tool mode on a recorded tool stream.
import { OutputValidationError, StreamInterruptedError } from "@promptstream/core";
import { Prompt as AnthropicPrompt } from "@promptstream/provider-anthropic";
import { Prompt } from "@promptstream/provider-openai";
import { z } from "zod";

const Recipe = z.object({ title: z.string(), grams: z.array(z.number()), note: z.string().optional() });

class RecipeWriter extends Prompt({ template: "USER: A recipe object with {fruit}", output: Recipe }) {}

const stream = new RecipeWriter({ fruit: "apples" }).stream();
const titles = [];
for await (const partial of stream.partialObjects) if (partial.title !== undefined) titles.push(partial.title);
const recipe = await stream.object();
const { outputMode } = await stream.response();
console.log(
  `${JSON.stringify(recipe)} mode=${outputMode} titles=${titles.length} prefixes=${titles.every((t) => recipe.title.startsWith(t))}`,
);

try {
  for await (const _ of new RecipeWriter({ fruit: "cut" }).stream().partialObjects) {
  }
} catch (error) {
  console.log(
    `cut=${error instanceof StreamInterruptedError} partial=${JSON.stringify(error.partialObject)} text=${JSON.stringify(error.partialText)}`,
  );
}

try {
  await new RecipeWriter({ fruit: "wrong" }).call();
} catch (error) {
  console.log(
    `invalid=${error instanceof OutputValidationError} ${error.code} ${error.issues.map((issue) => issue.path.join(".")).join(",")}`,
  );
}

const Input = z.object({}).passthrough();
class ToolMode extends AnthropicPrompt({
  template: "USER: Use the recording.",
  output: { schema: Input, name: process.env.OUTPUT_TOOL, mode: "tool" },
}) {}
const toolStream = new ToolMode().stream();
let last;
for await (const partial of toolStream.partialObjects) last = partial;
const object = await toolStream.object();
console.log(`tool-mode=${JSON.stringify(object) === JSON.stringify(last)} ${JSON.stringify(object)}`);
