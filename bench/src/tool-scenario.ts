/**
 * What the server streams for the tool-call figure, and what every tool consumer must receive.
 * The arguments are deterministic, so the server (a child process) and the consumers compute
 * them independently; the consumers compare what they parsed with `toolArgs`.
 */
import type { Wire } from "./scenario.js";

/** One tool-call stream: `calls` calls one after another, each call's JSON arguments in `fragments` pieces. */
export interface ToolScenario {
  readonly calls: number;
  readonly fragments: number;
}

/** The arguments of one call: a query and a long array of strings and numbers. */
export interface ToolArgs {
  readonly query: string;
  readonly items: ReadonlyArray<string | number>;
}

/** The one tool every tool consumer defines. */
export const TOOL_NAME = "record_items";
/** Its description, as sent to the model. */
export const TOOL_DESCRIPTION = "Records every item, in order.";
/** Its arguments as a JSON Schema, for the consumers that send one written by hand. */
export const TOOL_JSON_SCHEMA: {
  readonly type: "object";
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: string[];
  readonly additionalProperties: false;
} = {
  type: "object",
  properties: {
    query: { type: "string" },
    items: { type: "array", items: { anyOf: [{ type: "string" }, { type: "number" }] } },
  },
  required: ["query", "items"],
  additionalProperties: false,
};

// About 10 characters per fragment: a few tokens' worth, as models stream arguments.
const FRAGMENT_CHARS = 10;

// Strings that need JSON escapes ('"', "\\", "\n") and multi-byte UTF-8 ("é", "🍎", "ï"), and numbers.
const ITEMS: ReadonlyArray<string | number> = [
  "café 🍎",
  'a "quoted" word',
  "C:\\oven\\tray",
  "line one\nline two",
  3.25,
  -17,
  "crumble",
  1024,
  "naïve façade",
  0.5,
];

function itemAt(index: number, call: number): string | number {
  const item = ITEMS[(index + call) % ITEMS.length] ?? "";
  // Some items carry their place: no two stretches of the array are alike, so a misplaced fragment shows.
  if (index % 7 !== 0) return item;
  return typeof item === "number" ? item + index : `${item} #${index}`;
}

const argsCache = new Map<string, { readonly args: ToolArgs; readonly fragments: readonly string[] }>();

function built(
  scenario: ToolScenario,
  call: number,
): { readonly args: ToolArgs; readonly fragments: readonly string[] } {
  const key = `${scenario.calls}/${scenario.fragments}/${call}`;
  let entry = argsCache.get(key);
  if (entry === undefined) {
    const items: Array<string | number> = [];
    const args: ToolArgs = {
      query: `bench call ${call + 1} of ${scenario.calls}: record every item below, in order`,
      items,
    };
    // Grow the array until the JSON text is about FRAGMENT_CHARS per fragment (+1 for each comma).
    let length = JSON.stringify(args).length;
    while (length < scenario.fragments * FRAGMENT_CHARS) {
      const item = itemAt(items.length, call);
      items.push(item);
      length += JSON.stringify(item).length + 1;
    }
    // Split on code points, never inside a surrogate pair: each fragment is text a model could send.
    const codePoints = Array.from(JSON.stringify(args));
    const fragments: string[] = [];
    for (let index = 0; index < scenario.fragments; index += 1) {
      const start = Math.floor((index * codePoints.length) / scenario.fragments);
      const end = Math.floor(((index + 1) * codePoints.length) / scenario.fragments);
      fragments.push(codePoints.slice(start, end).join(""));
    }
    entry = { args, fragments };
    argsCache.set(key, entry);
  }
  return entry;
}

/** The arguments of call `call` (0-based) of a scenario. */
export function toolArgs(scenario: ToolScenario, call: number): ToolArgs {
  return built(scenario, call).args;
}

/** The JSON text of those arguments in `scenario.fragments` pieces, as the server sends them. */
export function toolArgsFragments(scenario: ToolScenario, call: number): readonly string[] {
  return built(scenario, call).fragments;
}

/** The id of call `call`, as each wire format writes ids. */
export function toolCallId(wire: Wire, call: number): string {
  return wire === "openai" ? `call_bench_${call}` : `toolu_bench_${call}`;
}

/** The base URL of a tool scenario: `${origin}/t/${calls}/${fragments}`; clients append `/v1/...`. */
export function toolScenarioBase(origin: string, scenario: ToolScenario): string {
  return `${origin}/t/${scenario.calls}/${scenario.fragments}`;
}

/** Reads a request path back into a wire format and tool scenario; `undefined` for any other path. */
export function parseToolScenarioPath(path: string): (ToolScenario & { readonly wire: Wire }) | undefined {
  const match = /^\/t\/(\d+)\/(\d+)\/v1\/(chat\/completions|messages)(?:\?.*)?$/.exec(path);
  if (match === null) return undefined;
  return {
    calls: Number(match[1]),
    fragments: Number(match[2]),
    wire: match[3] === "messages" ? "anthropic" : "openai",
  };
}
