/**
 * Merges call params from the least to the most specific level (definition < instance <
 * call). A key set to `undefined` at a more specific level does not erase a value set
 * earlier: only defined values override.
 */
export function mergeCallParams<T extends object>(...levels: ReadonlyArray<Partial<T> | undefined>): Partial<T> {
  const merged: Record<string, unknown> = {};
  for (const level of levels) {
    if (level === undefined) continue;
    for (const key of Object.keys(level)) {
      const value = (level as Record<string, unknown>)[key];
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged as Partial<T>;
}
