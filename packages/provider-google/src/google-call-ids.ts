/**
 * @module Ids for function calls that came without one. The Gemini API sends no id with a
 * `functionCall` (Vertex AI and newer models may); core needs one to match each result to its
 * call. A made-up id is never sent to Gemini (its prefix marks it), so a result is matched by name.
 */

const PREFIX = "gemini-call-";
let counter = 0;
// A per-process part keeps ids distinct between processes that share a stored history.
const processPart = Math.random().toString(36).slice(2, 10);

/** A new id for a call Gemini sent without one. */
export function generateCallId(): string {
  counter += 1;
  return `${PREFIX}${processPart}-${counter}`;
}

/** Whether an id is one {@link generateCallId} made (and so not Gemini's). */
export function isGeneratedCallId(id: string): boolean {
  return id.startsWith(PREFIX);
}
