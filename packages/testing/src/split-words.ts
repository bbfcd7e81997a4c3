/** Cuts text into one piece per word, each with its leading white space, as models stream it. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Cuts text into pieces of `length` characters (the last one shorter), as arguments and JSON inputs stream. */
export function splitEvery(text: string, length: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += length) pieces.push(text.slice(at, at + length));
  return pieces;
}
