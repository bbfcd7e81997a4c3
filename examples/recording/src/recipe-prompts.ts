/**
 * The prompts under test: ordinary application code, with no test hook. They build their SDK
 * client from the environment, which is how a cassette points them at its replaying server.
 */
import { defineTool } from "@promptstream/core";
import { Prompt as AnthropicPrompt } from "@promptstream/provider-anthropic";
import { Prompt as GooglePrompt } from "@promptstream/provider-google";
import { Prompt as OpenAIPrompt } from "@promptstream/provider-openai";
import { Prompt as OpenAIResponsesPrompt } from "@promptstream/provider-openai/responses";
import { z } from "zod";

const recipe = {
  template: "Recommend recipes that use {ingredient} as an ingredient",
  variables: z.object({ ingredient: z.string() }),
  callParams: { maxTokens: 400 },
} as const;

export class OpenAIRecipe extends OpenAIPrompt({ ...recipe, callParams: { model: "gpt-4o-mini", maxTokens: 400 } }) {}
export class OpenAIResponsesRecipe extends OpenAIResponsesPrompt({
  ...recipe,
  callParams: { model: "gpt-4o-mini", maxTokens: 400 },
}) {}
export class AnthropicRecipe extends AnthropicPrompt({
  ...recipe,
  callParams: { model: "claude-haiku-4-5", maxTokens: 400 },
}) {}
export class GoogleRecipe extends GooglePrompt({
  ...recipe,
  callParams: { model: "gemini-2.5-flash", maxTokens: 400 },
}) {}

/** The same recipe prompt without retries: a rate limit reaches the caller at once. */
export class OpenAIRecipeNoRetry extends OpenAIPrompt({
  ...recipe,
  callParams: { model: "gpt-4o-mini", maxTokens: 400 },
  maxRetries: 0,
}) {}
export class AnthropicRecipeNoRetry extends AnthropicPrompt({
  ...recipe,
  callParams: { model: "claude-haiku-4-5", maxTokens: 400 },
  maxRetries: 0,
}) {}

const getWeather = defineTool({
  name: "get_weather",
  description: "The current temperature in a city, in degrees Celsius.",
  parameters: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, temperature: city === "Rome" ? 24 : 18 }),
});

const weather = { template: "How warm is it in {city}?", tools: [getWeather], maxSteps: 3 } as const;

/** A tool loop: two requests, the second carrying the tool's result for the call the first answer made. */
export class OpenAIWeather extends OpenAIPrompt({ ...weather, callParams: { model: "gpt-4o-mini" } }) {}
export class AnthropicWeather extends AnthropicPrompt({
  ...weather,
  callParams: { model: "claude-haiku-4-5", maxTokens: 400 },
}) {}
export class GoogleRecipeNoRetry extends GooglePrompt({
  ...recipe,
  callParams: { model: "gemini-2.5-flash", maxTokens: 400 },
  maxRetries: 0,
}) {}
