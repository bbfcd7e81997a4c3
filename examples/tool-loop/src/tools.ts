/** The agent's two tools: the weather (made-up readings, so the demo needs no weather API) and a calculator. */
import { defineTool } from "@promptstream/core";
import { z } from "zod";

const READINGS: Readonly<Record<string, number>> = { paris: 18, rome: 24, london: 14, tokyo: 21 };

export const getWeather = defineTool({
  name: "get_weather",
  description: "The current temperature in a city, in degrees Celsius.",
  parameters: z.object({ city: z.string().describe("The city, e.g. Paris") }),
  execute: async ({ city }, { signal }) => {
    // A real tool would call a weather API here, passing `signal` on so that an abort stops it.
    signal.throwIfAborted();
    const temperature = READINGS[city.toLowerCase()];
    if (temperature === undefined) throw new Error(`No reading for ${city}.`);
    return { city, temperature, unit: "c" };
  },
});

export const calculate = defineTool({
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
