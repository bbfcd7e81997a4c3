import { fileURLToPath } from "node:url";

/**
 * The file of the function that called one of `entryPoints` (e.g. `useCassette`), read from the
 * call stack: the test, so that its cassettes can go next to it. Found by function name rather
 * than by this module's file, which a test runner may show as the source-mapped `.ts` or as the
 * bundle. `undefined` when the stack does not say (a runtime without V8 stack traces).
 */
export function callerFile(entryPoints: readonly string[]): string | undefined {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const ours = new RegExp(`\\bat (?:async )?(?:${[callerFile.name, ...entryPoints].join("|")}) `);
  let lastOurs = -1;
  for (const [index, frame] of frames.entries()) if (ours.test(frame)) lastOurs = index;
  for (const frame of frames.slice(lastOurs + 1)) {
    // V8 frames: "    at name (/path/file.ts:12:5)" or "    at /path/file.ts:12:5", paths maybe as file:// URLs.
    const location = /\(?((?:file:\/\/)?\/[^()]+?|[A-Za-z]:\\[^()]+?):\d+:\d+\)?\s*$/.exec(frame)?.[1];
    if (location !== undefined) return toPath(location);
  }
  return undefined;
}

function toPath(location: string): string {
  const withoutQuery = location.replace(/\?.*$/, "");
  return withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery;
}
