/**
 * What the structured-output tests (openai-structured-output.*.test.ts) share: the recipe schema
 * (zod 4) and answers, and how a JSON answer is streamed and read. Only those tests import this module.
 */
import { createOpenAITextChunks, RECIPE } from "@promptstream/testing";
import { z } from "zod";

// The recipe's answer, as the shared suites use it.
export { RECIPE } from "@promptstream/testing";

/** A recipe: a nested array of objects, and an optional note (nullable in strict mode). */
export const Recipe = z.object({
  title: z.string(),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number() })),
  note: z.string().optional(),
});

/** The answer as a strict model writes it: the optional note is there, `null`. */
export const RECIPE_JSON = JSON.stringify({ ...RECIPE, note: null });

/** Cuts `text` into pieces of `size` characters. */
export function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/** The chunks that stream `text` in pieces of `size` characters, with this finish reason. */
export function jsonChunks(text: string, size = 6, finishReason = "stop"): object[] {
  return createOpenAITextChunks(text, { split: (all) => cut(all, size), finishReason });
}

/** Reads every snapshot of `partialObjects`. */
export async function snapshotsOf<T>(partials: AsyncIterable<T>): Promise<T[]> {
  const snapshots: T[] = [];
  for await (const partial of partials) snapshots.push(partial);
  return snapshots;
}

/** A non-streamed completion whose message is `content` (or a refusal), as `call()` receives it. */
export function completionOf(
  content: string | null,
  options: { refusal?: string; finishReason?: "stop" | "length" } = {},
): object {
  return {
    id: "chatcmpl-structured",
    object: "chat.completion",
    created: 1_700_000_321,
    model: "gpt-4o-mini",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: options.refusal ?? null, annotations: [] },
        finish_reason: options.finishReason ?? "stop",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
  };
}
