/**
 * What the server streams and what every consumer must receive. The text is deterministic,
 * so the server (a child process) and the consumers compute it independently.
 */

/**
 * The four wire formats: OpenAI Chat Completions SSE, Anthropic Messages SSE, OpenAI Responses SSE and
 * Google Gemini SSE (`streamGenerateContent?alt=sse`).
 */
export type Wire = "openai" | "anthropic" | "openai-responses" | "google-gemini";

/** Every wire format, in table order. */
export const WIRES: readonly Wire[] = ["openai", "anthropic", "openai-responses", "google-gemini"];

/** Each wire format's name in the tables. */
export const WIRE_NAMES: Readonly<Record<Wire, string>> = {
  openai: "OpenAI Chat Completions",
  anthropic: "Anthropic Messages",
  "openai-responses": "OpenAI Responses",
  "google-gemini": "Google Gemini",
};

/** The vendor behind a wire format: its SDK, its promptstream provider, its AI SDK and LangChain packages. */
export type Vendor = "openai" | "anthropic" | "google";

export function vendorOf(wire: Wire): Vendor {
  return wire === "google-gemini" ? "google" : wire === "anthropic" ? "anthropic" : "openai";
}

/** The model every Gemini consumer asks for (the server reads it from the path and ignores it). */
export const GEMINI_MODEL = "gemini-3-flash-preview";

/**
 * What each wire format's clients append to the base URL, query included. Gemini's clients put the
 * model in the path and ask for SSE with `?alt=sse` (without it the API streams a JSON array).
 */
const WIRE_PATHS: Readonly<Record<Wire, RegExp>> = {
  openai: /^v1\/chat\/completions(?:\?.*)?$/,
  anthropic: /^v1\/messages(?:\?.*)?$/,
  "openai-responses": /^v1\/responses(?:\?.*)?$/,
  "google-gemini": /^v1beta\/models\/[\w.-]+:streamGenerateContent\?alt=sse$/,
};

/**
 * The text a stream carries. `english`: the token-sized pieces the bench always served (so that
 * figures stay comparable across runs). `multilingual`: about a fifth of the deltas non-ASCII
 * (accented Latin, CJK, Greek, Cyrillic, emoji outside the BMP and ZWJ sequences), the rest ASCII
 * words, some with characters JSON escapes.
 */
export type TextProfile = "english" | "multilingual";

/** Every text profile, in table order. */
export const TEXT_PROFILES: readonly TextProfile[] = ["english", "multilingual"];

/** `burst`: the whole pre-serialised body in large writes. `paced`: one event per write, one every 1 ms. */
type PaceMode = "burst" | "paced";

/** One stream the server can serve: `chunks` text deltas of `profile`, written in `mode`. */
export interface Scenario {
  readonly chunks: number;
  readonly mode: PaceMode;
  readonly profile: TextProfile;
}

// english: token-sized pieces, with characters that need JSON escaping ("\n", '"', "\\") and
// multi-byte UTF-8 ("é", "🍎") that large writes split across network reads.
const PIECES = [
  " Apple",
  " crumble",
  " needs",
  " café",
  " 🍎",
  " butter",
  ",",
  ' "tart"',
  " and",
  " cinnamon",
  ".\n",
  " C:\\oven",
  " bake",
];

// multilingual, the non-ASCII fifth: 2-byte (Latin, Greek, Cyrillic), 3-byte (CJK, Hangul,
// Devanagari, Arabic) and 4-byte UTF-8 (emoji outside the BMP), a ZWJ sequence, a skin-tone
// modifier, and a decomposed accent ("e" + U+0300) that no consumer may normalise.
const NON_ASCII_PIECES = [
  " crème",
  " naïve",
  " jalapeño",
  " größer",
  " façade",
  " cre\u0300me",
  "日本語",
  "の",
  "レシピ",
  "中文",
  "苹果派",
  " 사과",
  " Ελληνικά",
  " μήλο",
  " мука",
  " яблоко",
  " सेब",
  " تفاحة",
  " 🍎🍐",
  " 👩‍🍳",
  " 👨🏽‍🍳",
  "🥧",
];

// multilingual, the ASCII rest: words, punctuation, and pieces with '"', "\\", "\t" and "\n".
const ASCII_PIECES = [
  " the",
  " oven",
  " at",
  " 180",
  " degrees",
  ",",
  ".",
  " and",
  " then",
  " sugar",
  " flour",
  " slowly",
  " for",
  " minutes",
  ' "crumb"',
  " C:\\tray\\",
  "\t",
  ".\n\n",
  '\\"',
  "\n-",
];

/** A 32-bit integer hash: the multilingual profile's choice of piece, deterministic and without a short period. */
function mix(index: number): number {
  let value = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}

function multilingualPiece(index: number): string {
  const hash = mix(index);
  const pieces = hash % 5 === 0 ? NON_ASCII_PIECES : ASCII_PIECES;
  return pieces[(hash >>> 8) % pieces.length] ?? "";
}

/** The text of the `index`-th delta; some carry their index, so that a lost or reordered delta is noticed. */
export function chunkText(profile: TextProfile, index: number): string {
  const piece = profile === "english" ? (PIECES[index % PIECES.length] ?? "") : multilingualPiece(index);
  return index % 10 === 0 ? `${piece}#${index}` : piece;
}

const expectedCache = new Map<string, string>();

/** The whole text of a stream of `chunks` deltas of `profile`. */
export function expectedText(profile: TextProfile, chunks: number): string {
  const key = `${profile}:${chunks}`;
  let text = expectedCache.get(key);
  if (text === undefined) {
    text = "";
    for (let index = 0; index < chunks; index += 1) text += chunkText(profile, index);
    expectedCache.set(key, text);
  }
  return text;
}

/**
 * The base URL of a scenario: `${origin}/s/${chunks}/${mode}/${profile}`. The server reads the
 * scenario from the path; OpenAI clients append `/v1/chat/completions` (or `/v1/responses`),
 * Anthropic clients `/v1/messages`, Gemini clients `/v1beta/models/{model}:streamGenerateContent?alt=sse`.
 */
export function scenarioBase(origin: string, scenario: Scenario): string {
  return `${origin}/s/${scenario.chunks}/${scenario.mode}/${scenario.profile}`;
}

/** Reads a request path back into a wire format and scenario; `undefined` for any other path. */
export function parseScenarioPath(path: string): (Scenario & { readonly wire: Wire }) | undefined {
  const match = /^\/s\/(\d+)\/(burst|paced)\/(english|multilingual)\/(.+)$/.exec(path);
  const rest = match?.[4] ?? "";
  const wire = WIRES.find((candidate) => WIRE_PATHS[candidate].test(rest));
  if (match === null || wire === undefined) return undefined;
  return { chunks: Number(match[1]), mode: match[2] as PaceMode, profile: match[3] as TextProfile, wire };
}
