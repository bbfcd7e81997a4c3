// ESM, Anthropic: a tool defined with zod, the tool loop streamed, its parts and steps.
import { defineTool } from "@promptstream/core";
import { Prompt } from "@promptstream/provider-anthropic";
import { z } from "zod";

const add = defineTool({
  name: "add",
  description: "Adds two numbers",
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

class Sum extends Prompt({ template: "USER: What is 2 + 3? Use the tool.", tools: [add], maxSteps: 3 }) {}

const stream = new Sum().stream();
const kinds = [];
for await (const chunk of stream) kinds.push(chunk.kind ?? "chunk");
const { content, steps } = await stream.response();
const [call] = steps[0].toolCalls;
process.stdout.write(
  `${[...new Set(kinds)].join(",")}\n${call.name}(${JSON.stringify(call.args)}) = ${steps[0].toolResults[0].result}\n${content}\n`,
);
