/** A tool-using prompt. To move it to another provider, change only the import line. */
import { Prompt } from "@promptstream/provider-google";
import { calculate, getWeather } from "./weather-tools.js";

class WeatherAgent extends Prompt({
  template: "USER: How much warmer is Rome than Paris? Use the tools.",
  tools: [getWeather, calculate],
  maxSteps: 4,
}) {}

const stream = new WeatherAgent().stream();
for await (const chunk of stream) {
  if (chunk.kind === "tool-call") console.log(`-> ${chunk.toolCall.name}(${chunk.toolCall.argsText})`);
  else if (chunk.kind === undefined) process.stdout.write(chunk.content);
}

const { steps, finishReason } = await stream.response();
console.log(`\n[${steps.length} steps, finish reason ${finishReason}]`);
