/** Cuts text into one piece per word, each with its leading white space, as models stream it. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}
