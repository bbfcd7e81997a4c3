/**
 * The agent, on the provider chosen at run time: the same prompt class, tools and loop, whichever
 * package `Prompt` comes from.
 */
import { calculate, getWeather } from "./tools.js";

export type Provider = "openai" | "anthropic";

export async function weatherAgent(provider: Provider) {
  const { Prompt } =
    provider === "anthropic"
      ? await import("@promptstream/provider-anthropic")
      : await import("@promptstream/provider-openai");

  return class WeatherAgent extends Prompt({
    template: `
      SYSTEM: You answer questions about the weather. Use get_weather for every city, and calculate for any arithmetic.
      USER: {question}
    `,
    tools: [getWeather, calculate],
    maxSteps: 5,
  }) {};
}
