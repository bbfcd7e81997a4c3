import type { CassetteInteraction, CassetteRequest } from "./cassette-file.js";

/** What a replayed request is compared on: recorded requests are already scrubbed, so the sent one is scrubbed the same way. */
export interface ComparableRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** The outcome of {@link matchRecordedRequest}: the interaction to replay, or why there is none. */
export type RequestMatch =
  | { readonly type: "match"; readonly index: number; readonly interaction: CassetteInteraction }
  | { readonly type: "no-match"; readonly difference: string };

/**
 * Finds the first interaction not served yet whose request has the same method, path and body
 * (the body without `ignoreBodyFields`). Served in recorded order, so that the same request sent
 * twice (a retry after a 429, a prompt called twice) gets its two answers in turn.
 */
export function matchRecordedRequest(
  interactions: readonly CassetteInteraction[],
  served: ReadonlySet<number>,
  sent: ComparableRequest,
  ignoreBodyFields: readonly string[],
): RequestMatch {
  const sentBody = withoutFields(sent.body, ignoreBodyFields);
  const differences: string[] = [];
  for (const [index, interaction] of interactions.entries()) {
    const difference = differenceBetween(interaction.request, sent, sentBody, ignoreBodyFields);
    if (difference === undefined) {
      if (!served.has(index)) return { type: "match", index, interaction };
      differences.push(`interaction ${index + 1} matches but was already served`);
    } else differences.push(`interaction ${index + 1}: ${difference}`);
  }
  if (interactions.length === 0) return { type: "no-match", difference: "the cassette holds no interaction" };
  return { type: "no-match", difference: closest(differences) };
}

// A same-path difference in the body says most about what changed; a wrong path says less.
function closest(differences: readonly string[]): string {
  const ranked = [...differences].sort((a, b) => rank(a) - rank(b));
  const shown = ranked.slice(0, 3).join("; ");
  return ranked.length > 3 ? `${shown}; and ${ranked.length - 3} more` : shown;
}

function rank(difference: string): number {
  if (difference.includes("already served")) return 0;
  if (difference.includes(": body")) return 1;
  return 2;
}

function differenceBetween(
  recorded: CassetteRequest,
  sent: ComparableRequest,
  sentBody: unknown,
  ignoreBodyFields: readonly string[],
): string | undefined {
  if (recorded.method !== sent.method) return `method recorded ${recorded.method}, sent ${sent.method}`;
  if (recorded.path !== sent.path) return `path recorded ${recorded.path}, sent ${sent.path}`;
  return firstDifference(withoutFields(recorded.body, ignoreBodyFields), sentBody, "body");
}

/** The first place two JSON values differ, as `body.messages[0].content recorded "…", sent "…"`. */
function firstDifference(recorded: unknown, sent: unknown, at: string): string | undefined {
  if (Object.is(recorded, sent)) return undefined;
  if (Array.isArray(recorded) && Array.isArray(sent)) {
    for (let index = 0; index < Math.max(recorded.length, sent.length); index++) {
      if (index >= recorded.length) return `${at}[${index}] sent but not recorded: ${preview(sent[index])}`;
      if (index >= sent.length) return `${at}[${index}] recorded but not sent: ${preview(recorded[index])}`;
      const difference = firstDifference(recorded[index], sent[index], `${at}[${index}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isRecord(recorded) && isRecord(sent)) {
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(sent)])) {
      const path = `${at}.${key}`;
      if (!(key in sent)) return `${path} recorded but not sent: ${preview(recorded[key])}`;
      if (!(key in recorded)) return `${path} sent but not recorded: ${preview(sent[key])}`;
      const difference = firstDifference(recorded[key], sent[key], path);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return `${at} recorded ${preview(recorded)}, sent ${preview(sent)}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of a JSON body without the given dot paths (`"user"`, `"metadata.user_id"`). */
function withoutFields(body: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0 || !isRecord(body)) return body;
  const copy: Record<string, unknown> = structuredClone(body);
  for (const path of paths) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let parent: unknown = copy;
    for (const key of keys) parent = isRecord(parent) ? parent[key] : undefined;
    if (isRecord(parent)) delete parent[last];
  }
  return copy;
}
