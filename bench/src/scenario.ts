/**
 * What the server streams and what every consumer must receive. The text is deterministic,
 * so the server (a child process) and the consumers compute it independently.
 */

/** The two wire formats: OpenAI Chat Completions SSE and Anthropic Messages SSE. */
export type Wire = "openai" | "anthropic";

/** `burst`: the whole pre-serialised body in large writes. `paced`: one event per write, one every 1 ms. */
type PaceMode = "burst" | "paced";

/** One stream the server can serve: `chunks` text deltas, written in `mode`. */
export interface Scenario {
  readonly chunks: number;
  readonly mode: PaceMode;
}

// Token-sized pieces, with characters that need JSON escaping ("\n", '"', "\\") and multi-byte
// UTF-8 ("é", "🍎") that large writes split across network reads.
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

/** The text of the `index`-th delta; some carry their index, so that a lost or reordered delta is noticed. */
export function chunkText(index: number): string {
  const piece = PIECES[index % PIECES.length] ?? "";
  return index % 10 === 0 ? `${piece}#${index}` : piece;
}

const expectedCache = new Map<number, string>();

/** The whole text of a stream of `chunks` deltas. */
export function expectedText(chunks: number): string {
  let text = expectedCache.get(chunks);
  if (text === undefined) {
    text = "";
    for (let index = 0; index < chunks; index += 1) text += chunkText(index);
    expectedCache.set(chunks, text);
  }
  return text;
}

/**
 * The base URL of a scenario: `${origin}/s/${chunks}/${mode}`. The server reads the scenario from
 * the path; OpenAI clients append `/v1/chat/completions`, Anthropic clients `/v1/messages`.
 */
export function scenarioBase(origin: string, scenario: Scenario): string {
  return `${origin}/s/${scenario.chunks}/${scenario.mode}`;
}

/** Reads a request path back into a wire format and scenario; `undefined` for any other path. */
export function parseScenarioPath(path: string): (Scenario & { readonly wire: Wire }) | undefined {
  const match = /^\/s\/(\d+)\/(burst|paced)\/v1\/(chat\/completions|messages)(?:\?.*)?$/.exec(path);
  if (match === null) return undefined;
  return {
    chunks: Number(match[1]),
    mode: match[2] as PaceMode,
    wire: match[3] === "messages" ? "anthropic" : "openai",
  };
}
