/**
 * What the structured-output figure streams: deterministic JSON texts, as a model writes them for a
 * schema, and their fragments. The texts are built from a seeded generator, so every run (and every
 * child process) has the same ones.
 *
 * - `object`: one nested object (a report: title, summary, sections with paragraphs, points, numbers,
 *   booleans, nulls), indented by 2 spaces, as models often write it.
 * - `records`: `{"items":[...]}`, an array of like objects (id, name, description, price, tags, a
 *   nested object...), compact. The root is an object, as the providers' structured outputs require.
 *
 * Strings hold, now and then, characters that need escapes (`"`, `\`, a newline, a tab) and non-ASCII
 * ones (`é`, `ï`, `🍎`). Fragments are 3 to 12 characters (uniformly), the size of one to three tokens,
 * cut on code-point boundaries, and decoded from JSON (as from an SSE event) so that they are fresh
 * strings.
 */

/** One document size and shape. */
export interface StructuredScenario {
  readonly id: string;
  readonly kind: "object" | "records";
  /** The length of the JSON text, in characters, at least (the generator stops past it). */
  readonly chars: number;
  /** Timed runs, after the first one (which is measured for memory), at most. */
  readonly runs: number;
}

/** The fragments' sizes, in characters. */
export const FRAGMENT_CHARS = { min: 3, max: 12 } as const;

/** A generator of numbers in [0, 1), seeded (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// biome-ignore format: a list of words
const WORDS = [
  "the", "oven", "crumble", "apple", "tray", "butter", "sugar", "flour", "bake", "minutes", "until", "golden",
  "and", "serve", "warm", "with", "cream", "a", "of", "to", "in", "is", "for", "it", "on", "that", "this", "bowl",
  "mix", "stir", "heat", "pan", "slice", "dough", "salt", "pepper", "whisk", "eggs", "milk", "fold",
];
const RARE = ["café", "naïve", "🍎", 'a "quoted" word', "C:\\oven\\tray", "line\nbreak", "façade", "tab\there"];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let index = 0; index < words; index += 1) out.push(next() < 0.03 ? pick(next, RARE) : pick(next, WORDS));
  return out.join(" ");
}

function record(next: () => number, id: number): unknown {
  return {
    id,
    name: sentence(next, 2 + Math.floor(next() * 3)),
    description: sentence(next, 8 + Math.floor(next() * 20)),
    price: Math.round(next() * 100_000) / 100,
    quantity: Math.floor(next() * 1000),
    tags: Array.from({ length: 1 + Math.floor(next() * 4) }, () => sentence(next, 1)),
    available: next() < 0.5,
    rating: next() < 0.2 ? null : Math.round(next() * 50) / 10,
    dimensions: { width: Math.floor(next() * 200), height: Math.floor(next() * 200), unit: "cm" },
  };
}

function section(next: () => number, index: number): unknown {
  return {
    heading: `${index + 1}. ${sentence(next, 3 + Math.floor(next() * 4))}`,
    paragraphs: Array.from({ length: 1 + Math.floor(next() * 3) }, () => sentence(next, 30 + Math.floor(next() * 60))),
    points: Array.from({ length: Math.floor(next() * 5) }, () => sentence(next, 4 + Math.floor(next() * 8))),
    score: Math.round(next() * 1000) / 10,
    done: next() < 0.5,
    reviewer: next() < 0.3 ? null : { name: sentence(next, 2), rounds: Math.floor(next() * 5) },
  };
}

/** The JSON text of a scenario. */
export function documentText(scenario: StructuredScenario): string {
  const next = seeded(scenario.chars);
  if (scenario.kind === "records") {
    const items: unknown[] = [];
    let length = '{"items":[]}'.length;
    while (length < scenario.chars) {
      const item = record(next, items.length);
      items.push(item);
      length += JSON.stringify(item).length + 1;
    }
    return JSON.stringify({ items });
  }
  const report = {
    title: sentence(next, 8),
    summary: sentence(next, 120),
    author: { name: sentence(next, 2), team: sentence(next, 3) },
    tags: Array.from({ length: 6 }, () => sentence(next, 1)),
    sections: [] as unknown[],
  };
  while (JSON.stringify(report, null, 2).length < scenario.chars) {
    report.sections.push(section(next, report.sections.length));
  }
  return JSON.stringify(report, null, 2);
}

/** The text cut into fragments of FRAGMENT_CHARS characters, never inside a surrogate pair. */
export function fragmentsOf(text: string): string[] {
  const next = seeded(text.length);
  const fragments: string[] = [];
  const span = FRAGMENT_CHARS.max - FRAGMENT_CHARS.min + 1;
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + FRAGMENT_CHARS.min + Math.floor(next() * span));
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end += 1;
    fragments.push(text.slice(at, end));
    at = end;
  }
  return fragments;
}
