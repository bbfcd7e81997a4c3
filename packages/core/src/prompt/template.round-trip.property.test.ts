/**
 * Property-based tests of templates and variable values, through the public API only (prompt
 * classes from `definePrompt` over an adapter that never sends; only `new`, `messages()` and the
 * thrown errors are observed): generated templates render what a reference renderer
 * computes from their structure.
 *
 * The rules under test are README "Prompts" > "Templates".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Message } from "../index.js";
import { adversarialString, anyMessage, runs } from "./template-arbitraries.test-support.js";
import { asText, escapeBraces, markerLine, render } from "./template-rendering.test-support.js";

// --- 5. Round trip against a reference renderer ----------------------------------------------

type Segment =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "placeholder"; readonly name: TextName };
type Marker = "SYSTEM" | "USER" | "ASSISTANT";
type Section =
  | {
      readonly kind: "message";
      readonly marker: Marker;
      readonly separator: string;
      readonly segments: readonly Segment[];
    }
  | { readonly kind: "messages"; readonly name: HistoryName; readonly separator: string; readonly trailing: string };
interface Structure {
  /** Text before any marker (a user message, unless blank). */
  readonly intro: readonly Segment[] | undefined;
  readonly sections: readonly Section[];
  /** The line break written before each marker line. */
  readonly breaks: readonly string[];
}

const textNames = ["a", "b", "name", "_n", "$v"] as const;
type TextName = (typeof textNames)[number];
const historyNames = ["history", "log"] as const;
type HistoryName = (typeof historyNames)[number];

/** Literal text, written unescaped: it may hold braces, colons, marker words mid-line, CRLF. */
const literalText = fc.string({
  unit: fc.constantFrom(
    "a",
    "Z",
    "0",
    " ",
    " ",
    "\t",
    "\n",
    "\r\n",
    "{",
    "}",
    ":",
    "SYSTEM:",
    "USER:",
    "é",
    "😀",
    "\u00a0",
    "x y",
    ".",
  ),
  maxLength: 20,
});
const segments = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: literalText.map((text): Segment => ({ kind: "literal", text })) },
    { weight: 2, arbitrary: fc.constantFrom(...textNames).map((name): Segment => ({ kind: "placeholder", name })) },
  ),
  { maxLength: 6 },
);
const separator = fc.constantFrom("", " ", "\t", "  ");
const section: fc.Arbitrary<Section> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("message" as const),
      marker: fc.constantFrom<Marker>("SYSTEM", "USER", "ASSISTANT"),
      separator,
      segments,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("messages" as const),
      name: fc.constantFrom(...historyNames),
      separator,
      trailing: fc.constantFrom("", " ", "\t ", "\n", "\n  \n", "\r\n"),
    }),
  },
);

function serializeSegments(parts: readonly Segment[]): string {
  return parts.map((part) => (part.kind === "literal" ? escapeBraces(part.text) : `{${part.name}}`)).join("");
}

function serialize(structure: Structure): string {
  let template = structure.intro === undefined ? "" : serializeSegments(structure.intro);
  structure.sections.forEach((current, index) => {
    if (index > 0 || structure.intro !== undefined) template += structure.breaks[index % structure.breaks.length];
    template +=
      current.kind === "message"
        ? `${current.marker}:${current.separator}${serializeSegments(current.segments)}`
        : `MESSAGES:${current.separator}{${current.name}}${current.trailing}`;
  });
  return template;
}

/** Generated structures whose literal text never starts a line with a role marker. */
const structure: fc.Arbitrary<Structure> = fc
  .record({
    intro: fc.option(segments, { nil: undefined }),
    sections: fc.array(section, { minLength: 1, maxLength: 5 }),
    breaks: fc.array(fc.constantFrom("\n", "\r\n", "\n\n"), { minLength: 1, maxLength: 3 }),
  })
  .filter((candidate) => {
    const markerLines = serialize(candidate)
      .split(/\r\n|\r|\n/)
      .filter((line) => markerLine.test(line)).length;
    return markerLines === candidate.sections.length;
  });

type Values = Readonly<Record<TextName, string | readonly string[]> & Record<HistoryName, readonly Message[]>>;
const values: fc.Arbitrary<Values> = fc.record({
  a: adversarialString,
  b: fc.array(adversarialString, { maxLength: 3 }),
  name: adversarialString,
  _n: fc.oneof(adversarialString, fc.array(adversarialString, { maxLength: 3 })),
  $v: fc.constantFrom("", " ", "  padded  ", "\n"),
  history: fc.array(anyMessage, { maxLength: 3 }),
  log: fc.array(anyMessage, { maxLength: 3 }),
});

/**
 * The reference: computes the messages from the generated structure itself, never from the
 * template text. A message's template body is trimmed before substitution, so only literal
 * text at its two ends loses whitespace; values are inserted untouched.
 */
function expectedMessages(structure: Structure, vals: Values): Message[] {
  const out: Message[] = [];
  const body = (role: Message["role"], parts: readonly Segment[], dropWhenBlank: boolean) => {
    const pieces = parts.map((part) =>
      part.kind === "literal"
        ? { literal: true, text: part.text.replace(/\r\n/g, "\n") }
        : { literal: false, text: asText(vals[part.name]) },
    );
    // Trim the leading and trailing runs of literal text, stopping at a placeholder.
    for (const piece of pieces) {
      if (!piece.literal) break;
      piece.text = piece.text.replace(/^\s+/, "");
      if (piece.text !== "") break;
    }
    for (const piece of [...pieces].reverse()) {
      if (!piece.literal) break;
      piece.text = piece.text.replace(/\s+$/, "");
      if (piece.text !== "") break;
    }
    const blank = pieces.every((piece) => piece.literal && piece.text === "");
    if (blank && dropWhenBlank) return;
    out.push({ role, content: pieces.map((piece) => piece.text).join("") } as Message);
  };
  if (structure.intro !== undefined) body("user", structure.intro, true);
  for (const current of structure.sections) {
    if (current.kind === "messages")
      out.push(...vals[current.name].map(({ role, content }) => ({ role, content }) as Message));
    else body(current.marker.toLowerCase() as Message["role"], current.segments, false);
  }
  return out;
}

describe("round trip", () => {
  it("a generated template renders the messages a reference renderer computes from its structure", () => {
    fc.assert(
      fc.property(structure, values, (generated, vals) => {
        expect(render(serialize(generated), vals)).toEqual(expectedMessages(generated, vals));
      }),
      { numRuns: 500 },
    );
  });

  it("indenting every line of a template by the same amount does not change its messages", () => {
    fc.assert(
      fc.property(structure, values, fc.constantFrom("  ", "    ", "\t", "\t  "), (generated, vals, indent) => {
        const template = serialize(generated);
        const indented = `\n${template
          .split(/\r\n|\n/)
          .map((line) => indent + line)
          .join("\n")}\n${indent}`;
        expect(render(indented, vals)).toEqual(render(template, vals));
      }),
      { numRuns: runs },
    );
  });
});
