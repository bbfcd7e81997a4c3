/**
 * The prompt the page asks: the question as the user typed it. Its client comes from the
 * environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`), which `main.ts` points at a local server
 * when there is no key.
 */
import { OpenAIPrompt } from "@promptstream/provider-openai";
import { z } from "zod";

export class Chat extends OpenAIPrompt({
  template: "{question}",
  variables: z.object({ question: z.string().min(1).max(4000) }),
  callParams: { model: "gpt-4o-mini" },
}) {}

/** The question of a request body (`{"question": "..."}`), or `undefined` when it has none. */
export function questionOf(body: unknown): string | undefined {
  const question = (body as { question?: unknown } | null | undefined)?.question;
  return typeof question === "string" && question.trim() !== "" ? question : undefined;
}
