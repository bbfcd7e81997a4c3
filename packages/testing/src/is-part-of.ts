/**
 * Whether `partial` could be a snapshot of `whole` while it is written (a partial object of a
 * structured output): strings are prefixes, arrays hold the first elements (the last one possibly
 * partial), objects some of the keys, each a part of its value; anything else is equal.
 */
export function isPartOf(partial: unknown, whole: unknown): boolean {
  if (typeof partial === "string") return typeof whole === "string" && whole.startsWith(partial);
  if (Array.isArray(partial)) {
    return (
      Array.isArray(whole) && partial.length <= whole.length && partial.every((item, i) => isPartOf(item, whole[i]))
    );
  }
  if (typeof partial === "object" && partial !== null) {
    if (typeof whole !== "object" || whole === null || Array.isArray(whole)) return false;
    const entries = Object.entries(partial);
    return entries.every(([key, value]) => key in whole && isPartOf(value, (whole as Record<string, unknown>)[key]));
  }
  return partial === whole;
}
