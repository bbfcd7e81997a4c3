// CommonJS, OpenAI: typed tool calls from a stream, without a loop, through require().
const { defineTool, ToolCallError } = require("@promptstream/core");
const { OpenAIPrompt } = require("@promptstream/provider-openai");
const { z } = require("zod");

const add = defineTool({ name: "add", parameters: z.object({ a: z.number(), b: z.number() }) });

class Sum extends OpenAIPrompt({ template: "USER: What is 2 + 3? Use the tool.", tools: [add] }) {}

(async () => {
  const { toolCalls, invalidToolCalls, finishReason } = await new Sum().stream().response();
  process.stdout.write(
    `${finishReason} ${JSON.stringify(toolCalls.map(({ name, args }) => ({ name, args })))} invalid=${invalidToolCalls.length} ${typeof ToolCallError}\n`,
  );
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
