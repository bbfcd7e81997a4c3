/**
 * A prompt that thinks before it answers and may call a tool. With thinking and tools together,
 * Anthropic requires the turn's signed thinking blocks back, unchanged, in the request that sends
 * the tool's result: the response's `message` keeps them, so appending it to the history is enough.
 */
import { defineTool } from "@promptstream/core";
import { Prompt } from "@promptstream/provider-anthropic";
import { z } from "zod";

export const getWeather = defineTool({
  name: "get_weather",
  description: "The weather now in a city: sky and temperature in °C.",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, sky: "light rain", celsius: 11 }),
});

export class WeatherAdvisor extends Prompt({
  template: `
    SYSTEM: You advise what to wear. Check the weather before you answer.
    MESSAGES: {history}
  `,
  tools: [getWeather],
  callParams: { maxTokens: 8000, reasoning: { budgetTokens: 2048 } },
}) {}
