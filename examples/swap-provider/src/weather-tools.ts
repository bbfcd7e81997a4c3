/** The tools of the tool-using prompt: shared by both programs, unchanged. */
import { defineTool } from "@promptstream/core";
import { z } from "zod";

const READINGS: Readonly<Record<string, number>> = { paris: 18, rome: 24 };

export const getWeather = defineTool({
  name: "get_weather",
  description: "The current temperature in a city, in degrees Celsius.",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, temperature: READINGS[city.toLowerCase()] ?? 20, unit: "c" }),
});

export const calculate = defineTool({
  name: "calculate",
  description: "Evaluates a subtraction of two numbers, e.g. 24 - 18.",
  parameters: z.object({ expression: z.string() }),
  execute: ({ expression }) => {
    const [a = Number.NaN, b = Number.NaN] = expression.split("-").map(Number);
    return a - b;
  },
});
