import { fileURLToPath } from "node:url";

/**
 * The file of the first function on the call stack outside this module and `ownFiles` (as
 * `import.meta.url`s): the test that called `useCassette`, so that its cassettes can go next to
 * it. `undefined` when the stack does not say (a runtime without V8 stack traces).
 */
export function callerFile(ownFiles: readonly string[]): string | undefined {
  const own = new Set([import.meta.url, ...ownFiles].map(toPath));
  for (const line of (new Error().stack ?? "").split("\n").slice(1)) {
    // V8 frames: "    at name (/path/file.ts:12:5)" or "    at /path/file.ts:12:5", paths maybe as file:// URLs.
    const location = /\(?((?:file:\/\/)?\/[^()]+?|[A-Za-z]:\\[^()]+?):\d+:\d+\)?\s*$/.exec(line)?.[1];
    if (location === undefined) continue;
    const path = toPath(location);
    if (!own.has(path)) return path;
  }
  return undefined;
}

function toPath(location: string): string {
  const withoutQuery = location.replace(/\?.*$/, "");
  return withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery;
}
