/** The agent: a prompt with two tools (made-up weather readings and a calculator), looped until it answers. */
import { defineTool } from "@promptstream/core";
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";

const READINGS: Readonly<Record<string, number>> = { paris: 18, rome: 24, london: 14, tokyo: 21 };

const getWeather = defineTool({
  name: "get_weather",
  description: "The current temperature in a city, in degrees Celsius.",
  parameters: z.object({ city: z.string().describe("The city, e.g. Paris") }),
  execute: async ({ city }, { signal }) => {
    signal.throwIfAborted();
    const temperature = READINGS[city.toLowerCase()];
    if (temperature === undefined) throw new Error(`No reading for ${city}.`);
    return { city, temperature, unit: "c" };
  },
});

const calculate = defineTool({
  name: "calculate",
  description: "Evaluates one arithmetic operation: two numbers and one of + - * /.",
  parameters: z.object({ expression: z.string().describe('e.g. "24 - 18"') }),
  execute: ({ expression }) => {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*([-+*/])\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expression);
    if (match === null) throw new Error(`Cannot evaluate "${expression}": give two numbers and one operator.`);
    const [, left, operator, right] = match;
    const [a, b] = [Number(left), Number(right)];
    return operator === "+" ? a + b : operator === "-" ? a - b : operator === "*" ? a * b : a / b;
  },
});

export class WeatherAgent extends OpenAIPrompt({
  template: `
    SYSTEM: You answer questions about the weather. Use get_weather for every city, and calculate for any arithmetic.
    USER: {question}
  `,
  tools: [getWeather, calculate],
  maxSteps: 5,
  callParams: { model: "gpt-4o-mini", maxTokens: 400 },
}) {}
