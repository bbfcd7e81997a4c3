/**
 * What the structured-output tests (anthropic-structured-output.*.test.ts) share: the recipe
 * schema (zod 4), its answer and the schemas Anthropic must receive for it, whole messages, and
 * how the partial objects are read. Only those tests import this module.
 */
import { RECIPE } from "@promptstream/testing";
import { z } from "zod";

// The recipe's answer and schemas, as the shared suites use them.
export {
  RECIPE,
  RECIPE_JSON_SCHEMA as RECIPE_SCHEMA,
  STRICT_RECIPE_JSON_SCHEMA as STRICT_RECIPE_SCHEMA,
} from "@promptstream/testing";

/** A recipe: a nested array of objects, and an optional note. */
export const Recipe = z.object({
  title: z.string(),
  ingredients: z.array(z.object({ name: z.string(), grams: z.number() })),
  note: z.string().optional(),
});

/** The answer as a model constrained to the strict schema writes it: the optional note is there, `null`. */
export const STRICT_RECIPE_JSON = JSON.stringify({ ...RECIPE, note: null });

/** The call params the tests' prompts set, so that the bodies do not depend on the environment's model. */
export const CALL_PARAMS = { model: "claude-haiku-4-5", maxTokens: 1024 } as const;

/** {@link CALL_PARAMS} as the request body holds them. */
export const BODY_PARAMS = { model: CALL_PARAMS.model, max_tokens: CALL_PARAMS.maxTokens } as const;

/** A whole message, as `call()` receives it. */
export function messageOf(content: object[], stopReason = "end_turn"): object {
  return {
    id: "msg_structured",
    type: "message",
    role: "assistant",
    model: CALL_PARAMS.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 40, output_tokens: 30 },
  };
}

/** Cuts `text` into pieces of `size` characters. */
export function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/** Reads every snapshot of `partialObjects`. */
export async function snapshotsOf<T>(partials: AsyncIterable<T>): Promise<T[]> {
  const snapshots: T[] = [];
  for await (const partial of partials) snapshots.push(partial);
  return snapshots;
}

/** Checks that snapshots only grow towards `final`: each differs from the one before, strings are prefixes. */
export function growingTowards(
  snapshots: ReadonlyArray<{ readonly title?: string; readonly ingredients?: readonly unknown[] }>,
  final: typeof RECIPE,
): boolean {
  let before = "";
  let count = 0;
  for (const snapshot of snapshots) {
    const now = JSON.stringify(snapshot);
    if (now === before) return false;
    if (snapshot.title !== undefined && !final.title.startsWith(snapshot.title)) return false;
    const ingredients = snapshot.ingredients?.length ?? 0;
    if (ingredients < count) return false;
    before = now;
    count = ingredients;
  }
  return true;
}
