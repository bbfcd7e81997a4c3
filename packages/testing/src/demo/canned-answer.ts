import { cannedVisionAnswer } from "./canned-vision-answer.js";

const CANNED_ANSWER = [
  "Here are three recipes that make the most of {ingredient}:\n\n",
  "1. Classic pie: toss sliced {ingredient} with cinnamon, sugar and a squeeze of lemon, ",
  "then bake in a buttery double crust until golden, about 50 minutes at 190°C.\n",
  "2. Crumble: top the fruit with oats, brown sugar and cold butter rubbed into flour; ",
  "bake for 35 minutes and serve warm with custard.\n",
  "3. Savoury salad: thin slices of {ingredient} with fennel, walnuts, blue cheese and a cider vinaigrette.\n",
].join("");

/**
 * The demo's canned recipe answer, naming the ingredient the request's `messages` (the Responses API: `input`, Gemini: `contents`) ask for
 * ("use <word> as an ingredient"), so that the local server's answer follows the prompt.
 */
export function cannedRecipeAnswer(requestBody: unknown): string {
  // Chat Completions and Anthropic send `messages`, the Responses API `input`, Gemini `contents`.
  const body = requestBody as { messages?: unknown; input?: unknown; contents?: unknown } | undefined;
  const prompt = JSON.stringify(body?.messages ?? body?.input ?? body?.contents ?? "");
  const ingredient = /use (\w+) as an ingredient/.exec(prompt)?.[1] ?? "them";
  return CANNED_ANSWER.replaceAll("{ingredient}", ingredient);
}

/** The model the request asked for, which the local server answers as, like the real APIs. */
export function requestedModel(requestBody: unknown): string | undefined {
  const model = (requestBody as { model?: unknown } | undefined)?.model;
  return typeof model === "string" ? model : undefined;
}

/** The local servers' text answer: a description of the request's image when it has one, else the recipe answer. */
export function cannedTextAnswer(requestBody: unknown): string {
  return cannedVisionAnswer(requestBody) ?? cannedRecipeAnswer(requestBody);
}
